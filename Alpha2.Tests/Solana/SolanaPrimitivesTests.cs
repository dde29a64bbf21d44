using System.Buffers.Binary;
using Alpha2.Sandbox.Providers;
using Alpha2.Solana;

namespace Alpha2.Tests.Solana;

/// <summary>The on-chain arithmetic the feed and the whale scan stand on.</summary>
public sealed class SolanaPrimitivesTests
{
    [Test]
    public void BondingCurveAddress_MatchesTheOneAPumpFunServicePublishedForItsMint() =>
        // A pump.fun info service's documented example pairs this mint with this bonding curve.
        Assert.That(PumpCurve.Address("F1b5B2dnYTPMViJ3Gtn1DLSQAwxPn42RdVzdpvrepump"), Is.EqualTo("HLmFrsxFKNhA5ogZ3H5SnM5QRCG1LxpM6oDigsRFGz7M"));

    [Test]
    public void ProgramAddresses_AreOffTheCurve_WhileWalletKeysAreOnIt()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ProgramAddress.IsOnCurve("HLmFrsxFKNhA5ogZ3H5SnM5QRCG1LxpM6oDigsRFGz7M"), Is.False);
            // The pump.fun Global account is a program address too (docs/domain.md §3.1).
            Assert.That(ProgramAddress.IsOnCurve("4wTV1YmiEkRvAtNtsSGPtUrqRYQMe5SKy2uB4Jjaxnjf"), Is.False);
            // Program ids deployed from keypairs are public keys, like wallets; the all-zero key is a curve point too.
            Assert.That(ProgramAddress.IsOnCurve("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"), Is.True);
            Assert.That(ProgramAddress.IsOnCurve("11111111111111111111111111111111"), Is.True);
        });
    }

    [Test]
    public void Base58_RoundTripsAddressesWithLeadingZeroBytes()
    {
        var bytes = new byte[32];
        bytes[31] = 7;
        var text = Base58.Encode(bytes);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("1111111111111111111111111111111"));
            Assert.That(Base58.Decode(text), Is.EqualTo(bytes));
            Assert.That(Base58.Decode("0OIl"), Is.Null);
        });
    }

    [TestCase(312_000_000, 12.3)]
    [TestCase(59_141_732, 1.75)]
    [TestCase(0, 0)]
    public void InitialBuySol_InvertsTheCurve(decimal tokens, decimal sol) =>
        // docs/domain.md §2.5: a 12.3 SOL dev buy takes about 312M tokens; PumpPortal's 59,141,732-token buy was 1.75 SOL.
        Assert.That(Math.Round(PumpCurve.InitialBuySol(tokens), 2), Is.EqualTo(sol));

    [Test]
    public void BondingCurveAccount_SinceTheCreatorFeeUpgrade_NamesItsCreator()
    {
        var creator = SolanaWorld.Wallet("curve-creator");
        var data = new byte[150];
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(8), 1_000_000);
        Base58.Decode(creator)!.CopyTo(data, 49);

        Assert.Multiple(() =>
        {
            Assert.That(PumpCurve.Read(data)!.Creator, Is.EqualTo(creator));
            Assert.That(PumpCurve.Read(data.AsSpan(0, 49))!.Creator, Is.Null, "an account from before the field");
            Assert.That(PumpCurve.Read(new byte[150])!.Creator, Is.Null, "a field never set");
        });
    }
}
