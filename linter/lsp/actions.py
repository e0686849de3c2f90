"""Code actions for findings: apply a fix, or disable the rule for the finding's line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lsprotocol import types

from linter.files.source import SourceText
from linter.findings import Finding
from linter.lsp.diagnostics import finding_range, to_diagnostic
from linter.lsp.disable import disable_insertion
from linter.lsp.positions import UTF16, lsp_position


@dataclass(frozen=True)
class FixOffer:
    """A fix as the editor offers it: the replacement, and whether it is the preferred
    action (the one an editor applies on "auto fix" without asking)."""

    replacement: str
    preferred: bool


def offered_fix(finding: Finding) -> FixOffer | None:
    """How the finding's fix is offered, if at all. This is the one place that decides it:
    every fix is offered, and only a safe one is preferred (an unsafe one rewrites style and
    is applied only when asked for, as ``--fix`` leaves it to ``--unsafe-fixes``)."""
    if finding.fix is None or finding.fix.replacement == finding.text:
        return None
    return FixOffer(finding.fix.replacement, preferred=finding.fix.safe)


@dataclass(frozen=True)
class ActionContext:
    """What the actions of one request share: the document and how positions are counted."""

    uri: str
    source: SourceText
    syntax: str
    encoding: str = UTF16


def code_actions(
    context: ActionContext, findings: Iterable[Finding], wanted: types.Range
) -> list[types.CodeAction]:
    """The quick fixes of the findings that touch ``wanted``: first each fix, then one
    "disable" action per rule and line."""
    fixes: list[types.CodeAction] = []
    disables: dict[tuple[str, int], types.CodeAction] = {}
    for finding in findings:
        if not _touches(finding_range(finding, context.source, context.encoding), wanted):
            continue
        fix = fix_action(context, finding)
        if fix is not None:
            fixes.append(fix)
        key = (finding.rule, finding.line)
        if key not in disables:
            disable = disable_action(context, finding)
            if disable is not None:
                disables[key] = disable
    return [*fixes, *disables.values()]


def fix_action(context: ActionContext, finding: Finding) -> types.CodeAction | None:
    """The quick fix that replaces the finding's range with its fix, if one is offered."""
    offer = offered_fix(finding)
    if offer is None:
        return None
    diagnostic = to_diagnostic(finding, context.source, context.encoding)
    edit = types.TextEdit(range=diagnostic.range, new_text=offer.replacement)
    return types.CodeAction(
        title=f"Replace '{finding.text}' with '{offer.replacement}' ({finding.rule})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={context.uri: [edit]}),
        is_preferred=offer.preferred,
    )


def disable_action(context: ActionContext, finding: Finding) -> types.CodeAction | None:
    """The quick fix that inserts a ``disable-next-line`` comment for the finding's rule."""
    insertion = disable_insertion(context.source, context.syntax, finding)
    if insertion is None:
        return None
    line, column = context.source.position(insertion.offset)
    at = types.Position(*lsp_position(context.source, line, column, context.encoding))
    edit = types.TextEdit(range=types.Range(at, at), new_text=insertion.text)
    return types.CodeAction(
        title=f"Disable {finding.rule} for this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[to_diagnostic(finding, context.source, context.encoding)],
        edit=types.WorkspaceEdit(changes={context.uri: [edit]}),
    )


def _touches(found: types.Range, wanted: types.Range) -> bool:
    """Whether two ranges overlap or touch (a cursor at either end of a finding counts)."""
    def key(position: types.Position) -> tuple[int, int]:
        return position.line, position.character

    return key(found.start) <= key(wanted.end) and key(wanted.start) <= key(found.end)
