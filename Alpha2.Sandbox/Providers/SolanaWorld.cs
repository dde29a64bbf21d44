using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Alpha2.Solana;

namespace Alpha2.Sandbox.Providers;

/// <summary>
/// A small Solana as Helius and RugCheck show it (docs/providers.md §1, §3): pump.fun mints with DAS assets, holders behind
/// token accounts, bonding-curve accounts, and RugCheck risks; JSON-RPC answered one request or a batch at a time.
/// The sandbox serves it; the tests compile the same file in and shape their own world.
/// </summary>
internal sealed partial class SolanaWorld
{
    public const string PumpProgram = "6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P";
    public const string TokenProgram = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";
    public const int Decimals = 6;

    private readonly object _gate = new();
    private readonly Dictionary<string, Token> _tokens = new(StringComparer.Ordinal);

    /// <summary>JSON-RPC methods answering with an error inside HTTP 200, as a node does for a bad or failing call.</summary>
    public Dictionary<string, (long Code, string Message)> RpcErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>The time that <see cref="Token.Later"/> changes go by.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public sealed class Token(string mint, string symbol)
    {
        public string Mint { get; } = mint;

        public string Symbol { get; set; } = symbol;

        public string MetadataUri { get; set; } = "";

        public string? MintAuthority { get; set; }

        public string? FreezeAuthority { get; set; }

        /// <summary>The coin's creator, as its bonding-curve account names it (null: an account from before the field).</summary>
        public string? Creator { get; set; }

        public string Curve { get; } = CurveAddress(mint);

        /// <summary>Virtual SOL (lamports) and tokens (raw) on the curve; null = no curve account (an unknown mint).</summary>
        public (ulong Sol, ulong Tokens, bool Complete)? Reserves { get; set; } = (30_000_000_000, 1_073_000_000_000_000, false);

        public List<(string Owner, string Account, decimal Tokens)> Holders { get; } = [];

        public List<string> RugCheckDangers { get; } = [];

        /// <summary>The curve's own token account, holding what is left to sell: never a holder.</summary>
        public Token WithCurveHolding(decimal tokens)
        {
            Holders.Add((Curve, AccountOf("curve-vault-" + Mint), tokens));
            return this;
        }

        public Token With(string owner, decimal tokens)
        {
            Holders.Add((owner, AccountOf(owner + Mint), tokens));
            return this;
        }

        /// <summary>
        /// A change that happens <paramref name="after"/> the first time anyone read the holders, as a dev buying more a
        /// little after launch: the read at or past that time and every one after see it.
        /// </summary>
        public Token Later(TimeSpan after, Action<Token> change)
        {
            _later = (after, change);
            return this;
        }

        /// <summary><paramref name="owner"/> buys <paramref name="tokens"/> off the bonding curve: its vault gives them, the reserves move.</summary>
        public void Buy(string owner, decimal tokens)
        {
            var vault = Holders.FindIndex(h => h.Owner == Curve);
            Holders[vault] = Holders[vault] with { Tokens = Holders[vault].Tokens - tokens };
            var held = Holders.FindIndex(h => h.Owner == owner);
            if (held < 0)
            {
                With(owner, tokens);
            }
            else
            {
                Holders[held] = Holders[held] with { Tokens = Holders[held].Tokens + tokens };
            }

            if (Reserves is var (sol, virtualTokens, complete))
            {
                var left = virtualTokens - (ulong)(tokens * 1_000_000m);
                Reserves = ((ulong)((decimal)sol * virtualTokens / left), left, complete);
            }
        }

        internal Token Seen(DateTimeOffset now)
        {
            _firstRead ??= now;
            if (_later is var (after, change) && now - _firstRead >= after)
            {
                _later = null;
                change(this);
            }

            return this;
        }

        private DateTimeOffset? _firstRead;
        private (TimeSpan After, Action<Token> Change)? _later;
    }

    public Token Add(string mint, string symbol)
    {
        lock (_gate)
        {
            return _tokens[mint] = new Token(mint, symbol);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _tokens.Clear();
            RpcErrors.Clear();
            ClearHistory();
        }
    }

    public static string CurveAddress(string mint) =>
        ProgramAddress.Find(PumpProgram, "bonding-curve"u8.ToArray(), Base58.Decode(mint) ?? []);

    /// <summary>A deterministic wallet address for <paramref name="name"/>: a point on the curve, as a real key is.</summary>
    public static string Wallet(string name)
    {
        for (var i = 0; ; i++)
        {
            var candidate = Base58.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{name}/{i}")));
            if (ProgramAddress.IsOnCurve(candidate))
            {
                return candidate;
            }
        }
    }

    public static string AccountOf(string name) => Base58.Encode(SHA256.HashData(Encoding.UTF8.GetBytes("account/" + name)));

    /// <summary>Answers a JSON-RPC body: one request object or a batch array.</summary>
    public string AnswerRpc(string body)
    {
        var request = JsonNode.Parse(body);
        lock (_gate)
        {
            return request is JsonArray batch
                ? new JsonArray([.. batch.Select(r => (JsonNode?)Answer(r!))]).ToJsonString()
                : Answer(request!).ToJsonString();
        }
    }

    public string RugCheckSummary(string mint)
    {
        lock (_gate)
        {
            var dangers = _tokens.TryGetValue(mint, out var token) ? token.RugCheckDangers : [];
            var risks = new JsonArray([.. dangers.Select(d => (JsonNode?)new JsonObject
            {
                ["name"] = d, ["value"] = "", ["description"] = d, ["score"] = 5000, ["level"] = "danger",
            })]);
            return new JsonObject
            {
                ["tokenProgram"] = TokenProgram, ["tokenType"] = "", ["risks"] = risks,
                ["score"] = 1 + dangers.Count * 5000, ["score_normalised"] = Math.Min(100, 1 + dangers.Count * 30), ["lpLockedPct"] = null,
            }.ToJsonString();
        }
    }

    private JsonObject Answer(JsonNode request)
    {
        var id = request["id"]?.DeepClone();
        var method = request["method"]?.GetValue<string>() ?? "";
        if (RpcErrors.TryGetValue(method, out var error))
        {
            return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message } };
        }

        JsonNode? result = method switch
        {
            "getAsset" => Asset(request["params"]?["id"]?.GetValue<string>() ?? ""),
            "getTokenLargestAccounts" => Context(Largest(request["params"]?[0]?.GetValue<string>() ?? "")),
            "getMultipleAccounts" => Context(new JsonArray([.. (request["params"]?[0]?.AsArray() ?? []).Select(a => Account(a!.GetValue<string>()))])),
            "getSignaturesForAddress" => Signatures(request["params"]?[0]?.GetValue<string>() ?? "", request["params"]?[1]),
            "getTransaction" => Transaction(request["params"]?[0]?.GetValue<string>() ?? ""),
            _ => null,
        };
        return result is null && method is not ("getAsset" or "getTransaction")
            ? new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = new JsonObject { ["code"] = -32601, ["message"] = "Method not found" } }
            : new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result };
    }

    private static JsonObject Context(JsonNode value) => new() { ["context"] = new JsonObject { ["slot"] = 396430764 }, ["value"] = value };

    private JsonObject? Asset(string mint) => !_tokens.TryGetValue(mint, out var token) ? null : new JsonObject
    {
        ["interface"] = "FungibleToken",
        ["id"] = mint,
        ["content"] = new JsonObject
        {
            ["$schema"] = "", ["json_uri"] = token.MetadataUri,
            ["metadata"] = new JsonObject { ["name"] = token.Symbol + " coin", ["symbol"] = token.Symbol, ["token_standard"] = "Fungible" },
            ["links"] = new JsonObject { ["image"] = "https://ipfs.io/ipfs/QmImage" },
        },
        ["authorities"] = new JsonArray(new JsonObject { ["address"] = "TSLvdd1pWpHVjahSpsvCXUbgwsL3JAcvokwaKt1eokM", ["scopes"] = new JsonArray("full") }),
        ["mutable"] = false,
        ["burnt"] = false,
        ["token_info"] = new JsonObject
        {
            ["symbol"] = token.Symbol, ["supply"] = 1_000_000_000_000_000, ["decimals"] = Decimals, ["token_program"] = TokenProgram,
            ["mint_authority"] = token.MintAuthority, ["freeze_authority"] = token.FreezeAuthority,
        },
    };

    private JsonArray Largest(string mint) => !_tokens.TryGetValue(mint, out var token) ? [] : new JsonArray([.. token.Seen(Clock.GetUtcNow()).Holders
        .OrderByDescending(h => h.Tokens)
        .Take(20)
        .Select(h => (JsonNode?)new JsonObject
        {
            ["address"] = h.Account, ["amount"] = Raw(h.Tokens), ["decimals"] = Decimals,
            ["uiAmount"] = h.Tokens, ["uiAmountString"] = h.Tokens.ToString(CultureInfo.InvariantCulture),
        })]);

    private JsonObject? Account(string address)
    {
        foreach (var token in _tokens.Values)
        {
            if (token.Curve == address && token.Reserves is { } reserves)
            {
                return new JsonObject
                {
                    ["data"] = new JsonArray(Convert.ToBase64String(CurveData(reserves, token.Creator)), "base64"),
                    ["executable"] = false, ["lamports"] = 1_461_600 + reserves.Sol - 30_000_000_000, ["owner"] = PumpProgram, ["rentEpoch"] = 0, ["space"] = 151,
                };
            }

            if (token.Holders.FirstOrDefault(h => h.Account == address) is { Owner: not null } holder)
            {
                return new JsonObject
                {
                    ["data"] = new JsonObject
                    {
                        ["parsed"] = new JsonObject
                        {
                            ["info"] = new JsonObject
                            {
                                ["isNative"] = false, ["mint"] = token.Mint, ["owner"] = holder.Owner, ["state"] = "initialized",
                                ["tokenAmount"] = new JsonObject { ["amount"] = Raw(holder.Tokens), ["decimals"] = Decimals, ["uiAmount"] = holder.Tokens },
                            },
                            ["type"] = "account",
                        },
                        ["program"] = "spl-token", ["space"] = 165,
                    },
                    ["executable"] = false, ["lamports"] = 2_039_280, ["owner"] = TokenProgram, ["rentEpoch"] = 0, ["space"] = 165,
                };
            }
        }

        return null;
    }

    private static byte[] CurveData((ulong Sol, ulong Tokens, bool Complete) reserves, string? creator)
    {
        var data = new byte[151];
        // sha256("account:BondingCurve")[..8], then virtual tokens, virtual SOL, real tokens, real SOL, supply, complete, creator.
        new byte[] { 23, 183, 248, 55, 96, 216, 172, 96 }.CopyTo(data, 0);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(8), reserves.Tokens);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(16), reserves.Sol);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(24), reserves.Tokens > 279_900_000_000_000 ? reserves.Tokens - 279_900_000_000_000 : 0);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(32), reserves.Sol - 30_000_000_000);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(40), 1_000_000_000_000_000);
        data[48] = reserves.Complete ? (byte)1 : (byte)0;
        // Then the creator's public key, since pump.fun's creator-fee upgrade.
        (creator is null ? [] : Base58.Decode(creator) ?? []).CopyTo(data, 49);
        return data;
    }

    private static string Raw(decimal tokens) => decimal.Round(tokens * 1_000_000m).ToString(CultureInfo.InvariantCulture);
}
