"""`flask kb export DIR` and `flask kb import DIR`: the knowledge base as data files."""
from __future__ import annotations

from pathlib import Path

import click
from flask import Blueprint

from core import unit
from knowledge.transfer import export_files, run_import
from knowledge.validation import KnowledgeError

bp = Blueprint("kb", __name__, cli_group="kb")


@bp.cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def export_command(directory: Path) -> None:
    """Write the live knowledge base to DIRECTORY in the data-file layout."""
    counts = export_files(directory)
    click.echo(f"已导出到 {directory}：办事指南 {counts['guides']} 项，问答 {counts['faq']} 条，"
               f"同义词 {counts['synonyms']} 条，领域词 {counts['words']} 个，"
               f"转介 {counts['referrals']} 条。")


@bp.cli.command("import")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--actor", default="cli", help="Name written to the audit log and history.")
def import_command(directory: Path, actor: str) -> None:
    """Add or update entries from DIRECTORY; all or nothing, live at once."""

    def progress(steps):
        with click.progressbar(steps, label="导入知识库", item_show_func=lambda s: s and s[0],
                               show_pos=True) as bar:
            yield from bar

    try:
        with unit.work():
            changed = run_import(directory, actor, progress)
    except (KnowledgeError, FileNotFoundError, KeyError) as exc:
        raise click.ClickException(f"导入失败，未做任何修改。{exc}") from exc
    click.echo(f"导入完成：更新或新增 {changed} 条。")
