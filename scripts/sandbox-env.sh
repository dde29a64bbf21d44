# Source this: points every provider URL at the sandbox ($1, default http://127.0.0.1:9090) and sets keys it accepts.
sandbox="${1:-http://127.0.0.1:9090}"
export GEMINI_API_URL="$sandbox/gemini" GROQ_API_URL="$sandbox/groq"
export HELIUS_RPC_URL="$sandbox/helius-rpc" HELIUS_API_URL="$sandbox/helius-api"
# The sandbox's log stream (port + 1) adds a few coins a second; off unless asked for (bench/ws-feed.sh sets it), so the
# demo feed stays the small poller world the Postman collection checks.
export HELIUS_WS_URL="${HELIUS_WS_URL:-off}"
export BIRDEYE_API_URL="$sandbox/birdeye" RUGCHECK_API_URL="$sandbox/rugcheck" APIFY_API_URL="$sandbox/apify"
export BINANCE_CMS_URL="$sandbox/binance" BYBIT_API_URL="$sandbox/bybit" OKX_API_URL="$sandbox/okx" TELEGRAM_WEB_URL="$sandbox/telegram"
export GEMINI_API_KEY=sandbox GROQ_API_KEY=sandbox HELIUS_API_KEY=sandbox BIRDEYE_API_KEY=sandbox APIFY_TOKEN=sandbox
# The sandbox's mints link their metadata on the sandbox itself, a private address; poll it often so the feed fills fast.
export METADATA_ALLOW_PRIVATE_HOSTS=true HELIUS_POLL_SECONDS="${HELIUS_POLL_SECONDS:-10}"
# The webhook's demo secret (the Postman collection delivers a create with it).
export HELIUS_WEBHOOK_AUTH="${HELIUS_WEBHOOK_AUTH:-sandbox-webhook}"
# Safety re-checks soon enough for one run to see one: HOOK's dev buys more 10 s after its holders are first read.
export SAFETY_RECHECK_SCHEDULE="${SAFETY_RECHECK_SCHEDULE:-20s,1m,5m,30m,2h,6h,24h}" SAFETY_RECHECK_TICK_SECONDS="${SAFETY_RECHECK_TICK_SECONDS:-2}"
