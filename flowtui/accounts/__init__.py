"""Accounts: named profiles, tokens in the OS keyring, login.

Headless: nothing here imports Textual or Rich. The modules, each with one job:

* :mod:`.profiles`: the :class:`Profile` and :class:`AccountsConfig` values and their rules.
* :mod:`.paths`: where the config file, data and logs live.
* :mod:`.toml_writer` and :mod:`.config_file`: reading and atomically writing the config file.
* :mod:`.token_store`: the OS keyring, every call bounded by a timeout.
* :mod:`.token_source`: which token a profile uses (environment first, then the keyring).
* :mod:`.verify`: one cheap Graph call that says whether a token works for an account.
* :mod:`.service`: login, logout and status, shared by the command line and the TUI.
* :mod:`.command`: the ``flowtui auth`` and ``flowtui locate`` options (argparse only);
  :mod:`.handlers`: what those subcommands do.

This package's ``__init__`` imports nothing, so ``flowtui.accounts.command`` stays cheap.
"""
