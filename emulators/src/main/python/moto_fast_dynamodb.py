"""A performance shim for moto 5.2.1's DynamoDB, so that call latency does not grow with the table.

moto keeps a table as ``items[hash_key][range_key] -> Item`` but answers from scans of the whole
table in two places that a busy table makes slow:

* ``Table.query`` starts from ``all_items()``, every item of the table sorted, even when the query
  names one partition (a table query) or one index partition (a GSI query);
* ``DynamoDBBackend.transact_write_items`` deep-copies every table an action touches, once per
  action, so that it can roll back.

The shim keeps moto's own code for every answer and only narrows its inputs:

* a table query sees only the items of the partition it names; a GSI query only the items whose
  index hash key has the value it names, found through a small map per index that is kept up to
  date on every write (and rebuilt from the table when first needed);
* a transaction snapshots only the items it names, and puts exactly those back when moto rolls it
  back, instead of the table copies (which moto restores whole, losing writes made meanwhile by
  other requests);
* every DynamoDB request runs under one lock, so a transaction or a conditional write is isolated
  from concurrent requests as DynamoDB isolates it (moto's threaded server does not).

``install(index_lag_seconds=N)`` also makes the global secondary indexes lag the table by N seconds, as
DynamoDB's do ("eventually consistent", with no bound promised): a write reaches the index maps N seconds
after it is made, so until then index queries answer from the index as it was. moto itself updates its
indexes at once, so without this no test could see code that relies on an index being up to date.

It is written for moto 5.2.1 exactly (``install`` refuses other versions), and checked against plain
moto by the project's differential test (``MotoShimDifferentialTest``). Nothing here is specific
to the project: it could be offered to moto as is.
"""

import copy as _real_copy
import threading
import types

import moto
from moto.dynamodb import models as _backend_module
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import GlobalSecondaryIndex, Table
from moto.dynamodb.responses import DynamoHandler

SUPPORTED_MOTO = "5.2.1"

_narrowing = threading.local()
_in_transaction = threading.local()
_requests = threading.RLock()
_index_lag_seconds = 0.0


def install(index_lag_seconds: float = 0.0) -> None:
    global _index_lag_seconds
    _index_lag_seconds = index_lag_seconds
    if moto.__version__ != SUPPORTED_MOTO:
        raise RuntimeError(
            f"the fast DynamoDB shim is written for moto {SUPPORTED_MOTO}, this is moto {moto.__version__}: "
            f'pip install "moto[server]=={SUPPORTED_MOTO}", or run without the shim'
        )
    _serialise_requests()
    _narrow_queries()
    _index_on_every_write()
    _roll_back_transactions_by_item()


def _serialise_requests() -> None:
    call_action = DynamoHandler.call_action

    def locked_call_action(self):
        with _requests:
            return call_action(self)

    DynamoHandler.call_action = locked_call_action


# --- queries -------------------------------------------------------------------------------------


def _narrow_queries() -> None:
    query = Table.query
    all_items = Table.all_items

    def narrowed_query(self, hash_key, *args, **kwargs):
        index_name = kwargs.get("index_name") if "index_name" in kwargs else (args[6] if len(args) > 6 else None)
        conditions = kwargs.get("hash_key_conditions") or []
        _narrowing.source = _candidates(self, hash_key, index_name, conditions)
        try:
            return query(self, hash_key, *args, **kwargs)
        finally:
            _narrowing.source = None

    def narrowed_all_items(self):
        source = getattr(_narrowing, "source", None)
        if source is None:
            return all_items(self)
        _narrowing.source = None  # one query reads all_items once; anything after it sees the table
        return sorted(source(), key=lambda x: (x.hash_key, x.range_key) if x.range_key else x.hash_key)

    Table.query = narrowed_query
    Table.all_items = narrowed_all_items


def _candidates(table, hash_key, index_name, conditions):
    """A function giving the items the query can match, or None to let moto read the whole table."""
    if index_name is None:
        if hash_key is None:
            return None
        return lambda: list(_partition(table, hash_key))
    index = next((i for i in table.global_indexes if i.name == index_name), None)
    hash_attrs = [] if index is None else [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
    if len(hash_attrs) != 1 or len(conditions) != 1 or conditions[0][0] != hash_attrs[0]:
        return None  # local indexes and multi-attribute keys: moto's own way
    value = conditions[0][1]
    return lambda: list(_index_maps(table)[index_name].get(value, {}).values())


def _partition(table, hash_key):
    found = table.items.get(hash_key)
    if found is None:
        return []
    return found.values() if table.range_key_attr else [found]


# --- index maps ----------------------------------------------------------------------------------


def _index_maps(table):
    """index name -> index hash value -> (item hash key, item range key) -> Item, built on first use."""
    maps = table.__dict__.get("_fast_index_maps")
    names = {i.name for i in table.global_indexes if isinstance(i, GlobalSecondaryIndex)}
    if maps is None or set(maps) != names:  # first use, or the table's indexes changed since
        maps = {name: {} for name in names}
        table.__dict__["_fast_index_maps"] = maps
        table.__dict__["_fast_index_slots"] = {name: {} for name in maps}
        for hash_key, entry in list(table.items.items()):
            items = entry.values() if table.range_key_attr else [entry]
            for item in list(items):
                if (hash_key, item.range_key) not in table.__dict__.get("_fast_index_pending", {}):
                    _reindex_now(table, hash_key, item.range_key)  # an item written within the lag joins later
    return maps


def _reindex(table, hash_key, range_key) -> None:
    """Puts the item stored under this key (or its absence) into every index map: now, or after the lag."""
    if _index_lag_seconds <= 0:
        _reindex_now(table, hash_key, range_key)
        return
    pending = table.__dict__.setdefault("_fast_index_pending", {})
    ident = (hash_key, range_key)
    pending[ident] = pending.get(ident, 0) + 1

    def later():
        with _requests:
            pending[ident] -= 1
            if not pending[ident]:
                del pending[ident]
            _reindex_now(table, hash_key, range_key)

    timer = threading.Timer(_index_lag_seconds, later)
    timer.daemon = True
    timer.start()


def _reindex_now(table, hash_key, range_key) -> None:
    maps = table.__dict__.get("_fast_index_maps")
    if maps is None:
        return  # built from the table when first queried
    slots = table.__dict__["_fast_index_slots"]
    ident = (hash_key, range_key)
    item = _stored(table, hash_key, range_key)
    for index in table.global_indexes:
        if index.name not in maps:
            continue
        bucket_of = slots[index.name]
        old = bucket_of.pop(ident, None)
        if old is not None:
            bucket = maps[index.name].get(old)
            if bucket is not None:
                bucket.pop(ident, None)
                if not bucket:
                    del maps[index.name][old]
        hash_attr = next(k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH")
        value = item.attrs.get(hash_attr) if item is not None else None
        if value is not None:
            maps[index.name].setdefault(value, {})[ident] = item
            bucket_of[ident] = value


def _stored(table, hash_key, range_key):
    entry = table.items.get(hash_key)
    if entry is None:
        return None
    return entry.get(range_key) if table.range_key_attr else entry


def _index_on_every_write() -> None:
    put_item = Table.put_item
    delete_item = Table.delete_item
    update_item = DynamoDBBackend.update_item

    def indexed_put_item(self, item_attrs, *args, **kwargs):
        try:
            return put_item(self, item_attrs, *args, **kwargs)
        finally:
            key = _key_of(self, item_attrs)
            if key is not None:
                _reindex(self, *key)

    def indexed_delete_item(self, hash_key, range_key):
        try:
            return delete_item(self, hash_key, range_key)
        finally:
            _reindex(self, hash_key, range_key)

    def indexed_update_item(self, table_name, key, *args, **kwargs):
        try:
            return update_item(self, table_name, key, *args, **kwargs)
        finally:
            table = self.tables.get(table_name)
            found = _key_of(table, key) if table is not None else None
            if found is not None:
                _reindex(table, *found)

    Table.put_item = indexed_put_item
    Table.delete_item = indexed_delete_item
    DynamoDBBackend.update_item = indexed_update_item


def _key_of(table, attrs):
    """(hash, range) as moto stores them, from an item or a key; None when the key is incomplete."""
    if not isinstance(attrs, dict) or table.hash_key_attr not in attrs:
        return None
    try:
        hash_key = DynamoType(attrs[table.hash_key_attr])
        if table.range_key_attr is None:
            return hash_key, None
        if table.range_key_attr not in attrs:
            return None
        return hash_key, DynamoType(attrs[table.range_key_attr])
    except Exception:
        return None


# --- transactions --------------------------------------------------------------------------------


def _roll_back_transactions_by_item() -> None:
    transact_write_items = DynamoDBBackend.transact_write_items
    # moto's models module calls copy.deepcopy(table) to snapshot tables; inside a transaction the
    # shim hands it the live table instead and keeps its own snapshot of the items named.
    _backend_module.copy = types.SimpleNamespace(**{**vars(_real_copy), "deepcopy": _deepcopy_outside_transactions})

    def item_rollback_transact_write_items(self, transact_items):
        snapshot = _snapshot(self, transact_items)
        _in_transaction.active = True
        try:
            return transact_write_items(self, transact_items)
        except BaseException:
            _restore(snapshot)
            raise
        finally:
            _in_transaction.active = False

    DynamoDBBackend.transact_write_items = item_rollback_transact_write_items


def _deepcopy_outside_transactions(value, memo=None, _nil=[]):
    if isinstance(value, Table) and getattr(_in_transaction, "active", False):
        return value
    return _real_copy.deepcopy(value, memo)


def _snapshot(backend, transact_items):
    """(table, hash, range, deep copy of the stored item or None) for every item the transaction names."""
    taken = []
    for action in transact_items if isinstance(transact_items, list) else []:
        if not isinstance(action, dict) or len(action) != 1:
            continue
        op_type, op = next(iter(action.items()))
        if not isinstance(op, dict):
            continue
        table = backend.tables.get(op.get("TableName"))
        if table is None:
            continue
        key = _key_of(table, op.get("Item") if op_type == "Put" else op.get("Key"))
        if key is not None:
            stored = _stored(table, *key)
            taken.append((table, key[0], key[1], None if stored is None else _real_copy.deepcopy(stored)))
    return taken


def _restore(snapshot) -> None:
    for table, hash_key, range_key, item in reversed(snapshot):
        if item is None:
            entry = table.items.get(hash_key)
            if table.range_key_attr is None:
                table.items.pop(hash_key, None)
            elif entry is not None:
                entry.pop(range_key, None)
                if not entry:
                    del table.items[hash_key]
        elif table.range_key_attr is None:
            table.items[hash_key] = item
        else:
            table.items[hash_key][range_key] = item
        _reindex(table, hash_key, range_key)
