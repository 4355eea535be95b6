"""A local emulator of the Flows Graph API: the same paths, parameters, answers and errors.

Start one in-process with :func:`flowtui.sandbox.server.running_sandbox`; run one from the command
line with ``flowtui sandbox serve``. Headless: nothing here imports ``textual`` or ``rich``.
"""
