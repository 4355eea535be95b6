"""The demo accounts' fixed ids and the demo endpoint's place, importable without loading the
sandbox itself."""

PRIMARY_WABA_ID = "100000000000001"
PRIMARY_PHONE_NUMBER_ID = "200000000000001"
SECONDARY_WABA_ID = "100000000000002"
SECONDARY_PHONE_NUMBER_ID = "200000000000002"

# The demo endpoint of each flow is at ``{sandbox}{DEMO_ENDPOINT_PATH}/{flow-id}``.
DEMO_ENDPOINT_PATH = "/endpoint"
# The flow messages the sandbox was asked to send (a sandbox-only path, not Graph's).
OUTBOX_PATH = "/sandbox/outbox"
