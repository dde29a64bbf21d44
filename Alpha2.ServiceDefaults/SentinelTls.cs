using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Alpha2.ServiceDefaults;

/// <summary>
/// TLS as <see cref="SentinelTunnel"/> speaks it, to the sentinels and to the primary (<c>rediss+sentinel://</c>): each
/// certificate is checked against the host the tunnel dialled, by the system's CAs or by the private CA in
/// REDIS_TLS_CA_FILE (docs/scaling.md).
/// </summary>
public sealed class SentinelTls(string? caFile)
{
    private readonly X509Certificate2? _ca = caFile is null ? null : X509Certificate2.CreateFromPem(File.ReadAllText(caFile));

    /// <summary>The CA file the certificates are checked against, or null for the system's CAs.</summary>
    public string? CaFile { get; } = caFile;

    /// <summary><paramref name="inner"/> as a TLS client stream to <paramref name="host"/>, once the handshake is done.</summary>
    public async Task<SslStream> AuthenticateAsync(Stream inner, string host, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions { TargetHost = host };
        if (_ca is not null)
        {
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { _ca },
                RevocationMode = X509RevocationMode.NoCheck,
            };
        }

        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }
}
