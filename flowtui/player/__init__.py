"""The Flow player: runs a Flow JSON as the WhatsApp client does, with no screen of its own.

Headless (no Textual, no Rich): :class:`~flowtui.player.engine.Player` keeps the flow's state
and runs its actions; :func:`~flowtui.player.view.screen_view` says what the current screen
shows; :mod:`flowtui.player.steps` plays a list of steps for CI. The TUI draws the views.
"""
