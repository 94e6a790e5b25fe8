"""`amity actors DOC`: every actor mention of a document with its resolution."""

from __future__ import annotations

from pathlib import Path

import click

AREA_COMMANDS = {"actors": ("amity.cli.actors", "actors",
                            "Show the actor mentions of a document (stored, or a text file) and how each resolved.")}

COLUMNS = ["start", "end", "text", "code", "sector", "name", "role", "rule", "sentence"]


@click.command()
@click.argument("doc")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor dictionary (amity TSV or PETRARCH format); repeatable. Also $AMITY_ACTORS.")
@click.option("--model", default=None, help="spaCy model name (default: $AMITY_SPACY_MODEL or the pinned one).")
@click.option("--reanalyse", is_flag=True, help="Run the analyser on the stored text instead of showing stored mentions.")
@click.option("--save", is_flag=True, help="With --reanalyse: replace the stored mentions with the new ones.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per mention.")
@click.pass_context
def actors(ctx, doc, actor_files, model, reanalyse, save, as_json):
    """Show the actor mentions of DOC with their resolution (code, sector, name, role, rule).

    DOC is a stored document (id, id prefix or name) or, when no database holds it, a text file,
    which is analysed on the fly.

    \b
    Examples:
      amity actors japan-philippines-raa-2024
      amity actors examples/articles/k2-gdynia-2022.txt --actors examples/actors.tsv
      amity actors k2-gdynia-2022 --reanalyse --actors examples/actors.tsv --json
    """
    from amity.cli.output import echo_json, table

    rows = _stored_or_file(ctx.obj["db"], doc, actor_files, model, reanalyse, save)
    if as_json:
        for r in rows:
            echo_json(r)
        return
    table(rows, COLUMNS, widths={"text": 48, "name": 24, "role": 20})


def _analyse(text: str, doc_id: str, actor_files, model):
    from amity.models import Document
    from amity.nlp import Analyzer, NlpOptions

    analyzer = Analyzer(NlpOptions(model=model, actor_files=tuple(actor_files)))
    return next(analyzer.analyze([Document(id=doc_id, origin=doc_id, text=text)])).mentions


def _rows(mentions) -> list[dict]:
    return [{"start": m.start, "end": m.end, "text": m.text, "code": m.actor.code, "sector": m.actor.sector,
             "name": m.actor.name, "role": m.actor.role, "rule": m.rule, "sentence": m.sentence} for m in mentions]


def _stored_or_file(db: str, doc: str, actor_files, model, reanalyse: bool, save: bool) -> list[dict]:
    from amity.errors import InputError, NotFound
    from amity.store import db as store_db
    from amity.store import documents, mentions

    if Path(db).exists():
        con = store_db.connect(db)
        try:
            try:
                stored = documents.get_document(con, doc)
            except NotFound:
                stored = None
            if stored is not None:
                if not reanalyse:
                    return _rows(mentions.read_mentions(con, stored["id"]))
                found = _analyse(stored["text"], stored["id"], actor_files, model)
                if save:
                    mentions.insert_mentions(con, stored["id"], found)
                return _rows(found)
        finally:
            con.close()
    path = Path(doc)
    if path.is_file():
        text = path.read_text(encoding="utf-8", errors="replace")
        return _rows(_analyse(text, path.stem, actor_files, model))
    raise InputError(f"no stored document and no file {doc!r}",
                     hint="List stored documents with `amity docs`, or give a text file.")
