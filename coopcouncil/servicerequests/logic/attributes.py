"""A service's extra questions (Open311 attributes) and the answers a report gives.

A category may ask for more than a description: the kind of waste dumped, how deep a
pothole is. Each attribute is a dict as in the Open311 service definition (``code``,
``datatype``, ``required``, ``description``, ``order``, ``values``); answers arrive as
``{code: value}`` (a list for ``multivaluelist``). Unknown codes are dropped.

Example: for ``[{"code": "WASTE", "datatype": "singlevaluelist", "required": True,
"values": [{"key": "household", "name": "Household rubbish"}]}]`` the answer
``{"WASTE": "household"}`` is kept and ``{"WASTE": "car"}`` is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

DATATYPES = ("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist")


class AnswerInvalid(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _as_list(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value).strip()] if value is not None and str(value).strip() else []


def answers_check(definitions: Sequence[Mapping], answers: Mapping[str, object]) -> dict:
    """The answers worth keeping, checked against the definitions; refuses the first bad one."""
    kept: dict[str, object] = {}
    for definition in sorted(definitions, key=lambda d: d.get("order", 0)):
        if not definition.get("variable", True):
            continue
        code = str(definition["code"])
        given = _as_list(answers.get(code))
        if not given:
            if definition.get("required"):
                raise AnswerInvalid(code, f"Answer '{definition.get('description', code)}'.")
            continue
        datatype = definition.get("datatype", "string")
        if datatype in ("singlevaluelist", "multivaluelist"):
            keys = {str(v["key"]) for v in definition.get("values", [])}
            wrong = [g for g in given if g not in keys]
            if wrong or (datatype == "singlevaluelist" and len(given) > 1):
                raise AnswerInvalid(code, f"Choose one of the listed answers for {code}.")
            kept[code] = given if datatype == "multivaluelist" else given[0]
        elif datatype == "number":
            try:
                number = Decimal(given[0])
            except InvalidOperation:
                raise AnswerInvalid(code, f"{code} must be a number.") from None
            if not number.is_finite():
                raise AnswerInvalid(code, f"{code} must be a number.")
            kept[code] = given[0]
        else:
            kept[code] = given[0][:4000]
    return kept
