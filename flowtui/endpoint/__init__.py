"""Flow endpoints, headless: Meta's request encryption (both sides) and a client that talks
to an endpoint as WhatsApp does. The player and the endpoint doctor use the same code."""
