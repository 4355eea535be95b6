"""The app's cache of the account's flows: sorted, searchable, and kept up to date flow by flow.

Headless: nothing here imports Textual or Rich. The flow list shows a :class:`FlowCatalog`;
every screen that changes a flow puts the new version into it, so nothing reloads the account
to show one change.
"""

from flowtui.catalog.catalog import FlowCatalog, filter_words
from flowtui.catalog.sorting import SORT_KEYS, SortKey, search_text

__all__ = ["SORT_KEYS", "FlowCatalog", "SortKey", "filter_words", "search_text"]
