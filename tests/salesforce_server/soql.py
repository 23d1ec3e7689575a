"""The small SOQL subset the connector sends, parsed (not pattern-matched) and evaluated.

``SELECT f, ... FROM Obj [WHERE cond] [ORDER BY f [ASC|DESC], ...] [LIMIT n]`` where a
condition is ``field op literal`` (``= != < <= > >=``), ``field [NOT] IN (literal, ...)``,
joined with AND / OR / NOT and parentheses, a semi-join ``field IN (SELECT Id FROM Obj WHERE
...)`` (an Id or reference field on the left; as Salesforce, refused under OR or NOT and inside
another semi-join) and parent fields by relationship (``Account.OwnerId``). Literals: quoted strings (with ``\\'`` escapes),
numbers, TRUE / FALSE / NULL, dates and datetimes (``2026-01-01T00:00:00Z`` or ``...+0000``).
Anything else is refused as Salesforce refuses it: ``MALFORMED_QUERY``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<str>'(?:[^'\\]|\\.)*')
     |(?P<dt>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))
     |(?P<date>\d{4}-\d{2}-\d{2})
     |(?P<num>-?\d+(?:\.\d+)?)
     |(?P<op><=|>=|!=|<>|=|<|>|\(|\)|,)
     |(?P<word>[A-Za-z_][A-Za-z0-9_.]*)
    )""",
    re.X,
)


class SoqlError(ValueError):
    """A query Salesforce would refuse (MALFORMED_QUERY / INVALID_FIELD)."""

    def __init__(self, message: str, code: str = "MALFORMED_QUERY"):
        super().__init__(message)
        self.code = code


@functools.lru_cache(maxsize=65536)
def parse_datetime(text: str) -> dt.datetime:
    text = text.replace("Z", "+00:00")
    if re.search(r"[+-]\d{4}$", text):
        text = text[:-2] + ":" + text[-2:]
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


@dataclass
class Query:
    fields: list[str]
    sobject: str
    where: Any = None  # a tree of tuples
    order: list[tuple[str, bool]] = field(default_factory=list)  # (field, descending)
    limit: int | None = None


def _tokens(text: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise SoqlError(f"unexpected token at: {text[pos : pos + 20]!r}")
        pos = m.end()
        kind = m.lastgroup
        raw = m.group(kind)
        if kind == "str":
            out.append(("lit", re.sub(r"\\(.)", r"\1", raw[1:-1])))
        elif kind == "dt":
            out.append(("lit", parse_datetime(raw)))
        elif kind == "date":
            out.append(("lit", dt.date.fromisoformat(raw)))
        elif kind == "num":
            out.append(("lit", float(raw) if "." in raw else int(raw)))
        elif kind == "op":
            out.append(("op", "!=" if raw == "<>" else raw))
        else:
            upper = raw.upper()
            if upper in ("TRUE", "FALSE"):
                out.append(("lit", upper == "TRUE"))
            elif upper == "NULL":
                out.append(("lit", None))
            elif upper in (
                "SELECT",
                "FROM",
                "WHERE",
                "ORDER",
                "BY",
                "LIMIT",
                "AND",
                "OR",
            ) or upper in ("NOT", "IN", "ASC", "DESC"):
                out.append(("kw", upper))
            else:
                out.append(("name", raw))
    return out


class _Parser:
    def __init__(self, text: str):
        self.toks = _tokens(text)
        self.i = 0

    def peek(self) -> tuple[str, Any] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, kind: str, value: Any = None) -> Any:
        tok = self.peek()
        if tok is None or tok[0] != kind or (value is not None and tok[1] != value):
            raise SoqlError(f"expected {value or kind}, found {tok[1] if tok else 'the end'}")
        self.i += 1
        return tok[1]

    def accept(self, kind: str, value: Any = None) -> bool:
        tok = self.peek()
        if tok is not None and tok[0] == kind and (value is None or tok[1] == value):
            self.i += 1
            return True
        return False

    def query(self, sub: bool = False) -> Query:
        self.take("kw", "SELECT")
        fields = [self.take("name")]
        while self.accept("op", ","):
            fields.append(self.take("name"))
        self.take("kw", "FROM")
        q = Query(fields, self.take("name"))
        if self.accept("kw", "WHERE"):
            q.where = self.expr()
            _check_semi_joins(q.where, sub)
        if sub:
            if len(fields) != 1:
                raise SoqlError("a semi-join selects one field")
            return q
        if self.accept("kw", "ORDER"):
            self.take("kw", "BY")
            while True:
                name = self.take("name")
                desc = self.accept("kw", "DESC")
                if not desc:
                    self.accept("kw", "ASC")
                q.order.append((name, desc))
                if not self.accept("op", ","):
                    break
        if self.accept("kw", "LIMIT"):
            limit = self.take("lit")
            if not isinstance(limit, int) or limit < 0:
                raise SoqlError("LIMIT takes a whole number")
            q.limit = limit
        if self.peek() is not None:
            raise SoqlError(f"unexpected {self.peek()[1]!r}")  # type: ignore[index]
        return q

    def expr(self) -> Any:
        left = self.term()
        while self.accept("kw", "OR"):
            left = ("or", left, self.term())
        return left

    def term(self) -> Any:
        left = self.factor()
        while self.accept("kw", "AND"):
            left = ("and", left, self.factor())
        return left

    def factor(self) -> Any:
        if self.accept("kw", "NOT"):
            return ("not", self.factor())
        if self.accept("op", "("):
            inner = self.expr()
            self.take("op", ")")
            return inner
        name = self.take("name")
        negate = self.accept("kw", "NOT")
        if self.accept("kw", "IN"):
            self.take("op", "(")
            tok = self.peek()
            if tok == ("kw", "SELECT"):
                sub = self.query(sub=True)
                self.take("op", ")")
                node = ("semi", name, sub)
                return ("not", node) if negate else node
            values = [self.take("lit")]
            while self.accept("op", ","):
                values.append(self.take("lit"))
            self.take("op", ")")
            node = ("in", name, values, frozenset(_hashable(_comparable(v)) for v in values))
            return ("not", node) if negate else node
        if negate:
            raise SoqlError("NOT must be followed by IN here")
        op = self.take("op")
        if op not in ("=", "!=", "<", "<=", ">", ">="):
            raise SoqlError(f"unknown operator {op}")
        return ("cmp", op, name, self.take("lit"))


def parse(text: str) -> Query:
    return _Parser(text).query()


def _check_semi_joins(node: Any, inside_sub: bool, under: str | None = None) -> None:
    """Salesforce's rules: a semi-join only at the top level of a WHERE (joined by AND), never
    with OR or NOT, never inside another semi-join."""
    if node is None:
        return
    kind = node[0]
    if kind == "semi":
        if inside_sub:
            raise SoqlError("Nesting of semi join sub-selects is not supported")
        if under == "or":
            raise SoqlError("Semi join sub-selects are not allowed with the 'OR' operator")
        if under == "not":
            raise SoqlError("Semi join sub-selects are not allowed with the 'NOT' operator")
    elif kind in ("and", "or"):
        below = "or" if kind == "or" else under
        _check_semi_joins(node[1], inside_sub, below)
        _check_semi_joins(node[2], inside_sub, below)
    elif kind == "not":
        _check_semi_joins(node[1], inside_sub, "not")


def resolve(node: Any, run) -> Any:
    """The tree with every semi-join replaced by the ids its sub-select returns (``run``)."""
    if node is None:
        return None
    kind = node[0]
    if kind in ("and", "or"):
        return (kind, resolve(node[1], run), resolve(node[2], run))
    if kind == "not":
        return ("not", resolve(node[1], run))
    if kind == "semi":
        values = [v for v in run(node[2]) if v is not None]
        return ("in", node[1], values, frozenset(values))
    return node


def _comparable(value: Any) -> Any:
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}T", value):
        return parse_datetime(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return value


def _hashable(value: Any) -> Any:
    return value if not isinstance(value, (list, dict)) else repr(value)


def matches(node: Any, row: dict[str, Any], get=None) -> bool:
    """Whether ``row`` satisfies the WHERE tree (NULL compares as SQL's unknown: false).
    ``get(row, name)`` reads a field (parent fields by relationship); ``row.get`` by default."""
    if node is None:
        return True
    get = get or (lambda r, n: r.get(n))
    kind = node[0]
    if kind == "and":
        return matches(node[1], row, get) and matches(node[2], row, get)
    if kind == "or":
        return matches(node[1], row, get) or matches(node[2], row, get)
    if kind == "not":
        return not matches(node[1], row, get)
    if kind == "in":
        return _hashable(_comparable(get(row, node[1]))) in node[3]
    if kind == "semi":
        raise SoqlError("a semi-join not resolved")  # Org.query resolves them first
    _, op, name, literal = node
    value = _comparable(get(row, name))
    literal = _comparable(literal)
    if op == "=":
        return value == literal
    if op == "!=":
        return value != literal
    if value is None or literal is None:
        return False
    try:
        return {
            "<": value < literal,
            "<=": value <= literal,
            ">": value > literal,
            ">=": value >= literal,
        }[op]
    except TypeError:
        raise SoqlError(
            f"cannot compare {name} with {literal!r}", "INVALID_QUERY_FILTER_OPERATOR"
        ) from None


def sort_key(order: list[tuple[str, bool]]):
    """A key for ``sorted`` (every ORDER BY field ascending here; DESC handled by the caller)."""

    def key(row: dict[str, Any]):
        out = []
        for name, _desc in order:
            value = _comparable(row.get(name))
            out.append((value is not None, value if value is not None else 0))
        return out

    return key


def field_names(node: Any) -> set[str]:
    """Every field a WHERE tree refers to (checked against describe)."""
    if node is None:
        return set()
    if node[0] in ("and", "or"):
        return field_names(node[1]) | field_names(node[2])
    if node[0] == "not":
        return field_names(node[1])
    return {node[1] if node[0] in ("in", "semi") else node[2]}
