namespace Alpha2.Solana;

/// <summary>One instruction, top-level or inner, with its program and accounts as addresses and its data in base58.</summary>
internal sealed record Instruction(string ProgramId, IReadOnlyList<string> Accounts, string Data);
