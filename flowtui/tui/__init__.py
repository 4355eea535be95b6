"""The Textual app. Screens call the service layer (``flowtui.api``); never the other way round."""
