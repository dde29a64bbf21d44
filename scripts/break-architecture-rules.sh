#!/usr/bin/env bash
# Shows that each dependency rule in Alpha2.Tests/Architecture fails when broken: in a scratch copy of this tree, breaks
# one rule at a time (a reference and a type use that cross it), runs that rule's test, and expects it to fail.
# Prints one line per rule; exits non-zero if a broken rule still passed. Takes a few minutes (one build per rule).
set -uo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch" "$scratch.tar"' EXIT
tar --exclude='./bench' --exclude='*/bin' --exclude='*/obj' --exclude='./.git' --exclude='*/node_modules' --exclude='./TestResults' -cf - . | tar xf - -C "$scratch"
cd "$scratch"
dotnet sln Alpha2.sln remove bench/Alpha2.Bench/Alpha2.Bench.csproj >/dev/null
tar cf "$scratch.tar" .
status=0

reset() { find . -name Broken.cs -delete; tar xf "$scratch.tar"; }
reference() { sed -i "0,/<ItemGroup>/s##<ItemGroup>\n    <ProjectReference Include=\"..\\\\$2\\\\$2.csproj\" />#" "$1/$1.csproj"; }
visible_to() { sed -i "s#<InternalsVisibleTo Include=\"Alpha2.Tests\" />#&\n    <InternalsVisibleTo Include=\"$2\" />#" "$1/$1.csproj"; }
broken() { printf 'namespace %s;\n\ninternal static class Broken\n{\n    public static object Use => %s;\n}\n' "$2" "$3" > "$1/Broken.cs"; }
expect_failure() { # description, test name filter
  if ! dotnet build Alpha2.Tests -v q -nologo >build.log 2>&1; then
    echo "BUILD FAILED  $1"; grep -m3 ' error ' build.log; status=1; return
  fi
  if dotnet test Alpha2.Tests --no-build --filter "FullyQualifiedName~Architecture.DependencyRulesTests.$2" >test.log 2>&1; then
    echo "STILL PASSES  $1 ($2)"; status=1
  else
    echo "fails         $1 ($2): $(grep -m1 -oE '[A-Za-z0-9_.]+ does depend on "?[A-Za-z0-9_.]+|Expected: .{0,60}' test.log)"
  fi
  reset
}

reference Alpha2.Contracts Alpha2.Solana; broken Alpha2.Contracts Alpha2.Contracts 'Alpha2.Solana.Base58.Encode([1])'
expect_failure "Contracts use Solana" Contracts_DependOnNothingOfOurs
reference Alpha2.Solana Alpha2.Contracts; broken Alpha2.Solana Alpha2.Solana 'typeof(Alpha2.Contracts.Jobs.JobView)'
expect_failure "Solana uses Contracts" Solana_DependsOnNothingOfOurs
reference Alpha2.Queue Alpha2.Solana; broken Alpha2.Queue Alpha2.Queue 'Alpha2.Solana.Base58.Encode([1])'
expect_failure "Queue uses Solana" Queue_DependsOnContractsOnly
reference Alpha2.ServiceDefaults Alpha2.Contracts; broken Alpha2.ServiceDefaults Alpha2.ServiceDefaults 'typeof(Alpha2.Contracts.Jobs.JobView)'
expect_failure "ServiceDefaults use Contracts" ServiceDefaults_DependOnNothingOfOurs
broken Alpha2.Worker/Features/Whales Alpha2.Worker.Features.Whales 'Alpha2.Worker.Features.HeliusMints.SymbolKey.Normalize("A")'
expect_failure "the Whales feature uses the HeliusMints feature" WorkerFeature_DependsOnNoOtherFeature
broken Alpha2.Worker/Providers/RugCheck Alpha2.Worker.Providers.RugCheck 'typeof(Alpha2.Worker.Features.HeliusMints.HeliusMintsOptions)'
expect_failure "the RugCheck provider uses the HeliusMints feature's options" WorkerProviders_DependOnNoFeatureOrStore
broken Alpha2.Worker/Stores Alpha2.Worker.Stores 'Alpha2.Worker.Features.HeliusMints.SymbolKey.Normalize("A")'
expect_failure "the mint feed's store uses the HeliusMints feature" WorkerStoresAndInfrastructure_DependOnNoFeature
broken Alpha2.Api/Whales Alpha2.Api.Whales 'typeof(Alpha2.Api.CexRadar.CexRadarOptions)'
expect_failure "the API's Whales endpoints use the CexRadar feature" ApiFeature_DependsOnNoOtherFeature
reference Alpha2.Api Alpha2.Worker; visible_to Alpha2.Worker Alpha2.Api; broken Alpha2.Api/Infrastructure Alpha2.Api.Infrastructure 'typeof(Alpha2.Worker.Features.HeliusMints.SymbolKey)'
expect_failure "the API references the worker" Api_DoesNotReferenceTheWorker
reference Alpha2.Sandbox Alpha2.Worker; visible_to Alpha2.Worker Alpha2.Sandbox; broken Alpha2.Sandbox Alpha2.Sandbox 'typeof(Alpha2.Worker.Providers.Gemini.GeminiClient)'
expect_failure "the sandbox uses the worker's Gemini client" Sandbox_UsesNoProductProviderClientOrQueue
exit $status
