"""Follow outlets' feeds into a store: ``storydiff watch`` and ``storydiff sources``.

``urls`` (normalisation, canonical links), ``feeds`` (RSS/Atom, OPML, news sitemaps),
``fetch`` (the polite HTTP client), ``fetchlog`` (what was fetched, in the store's file),
``follower`` (one pass: feeds, pages, ingest), ``cli`` (the commands).
"""

from .fetchlog import FetchLog
from .follower import PassResult, run_pass

__all__ = ["FetchLog", "PassResult", "run_pass", "run_to_end", "watch"]


def watch(feeds, store_path, settings=None, *, transport=None):
    """One pass over ``feeds`` into the store at ``store_path`` (``watch --once`` from
    Python); ``transport`` replaces the network (an ``httpx`` transport, for tests)."""
    from ..settings import Settings
    from ..store import Store
    from .fetch import PoliteClient

    settings = settings or Settings()

    async def one_pass():
        with Store.open(store_path) as store, FetchLog(store_path, settings) as log:
            client = PoliteClient(settings, log, transport)
            try:
                return await run_pass(feeds, store, log, settings, client)
            finally:
                await client.aclose()

    return run_to_end(one_pass())


def run_to_end(coroutine):
    """``asyncio.run(coroutine)``, also where a loop already runs in this thread (a
    notebook, a browser driver's): asyncio.run refuses to nest, so there the coroutine runs
    on a loop of its own in a worker thread."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
