"""flowtui: a keyboard-driven terminal app for the whole lifecycle of WhatsApp Flows."""

__version__ = "0.1.0"
