"""The `stance` command line. Only typer is imported at start-up, so `stance --help` is instant;
each command imports what it needs (torch, transformers) when it runs."""

from __future__ import annotations

import functools
import sys
import traceback
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from stance import __version__
from stance.errors import StanceError, UsageError

app = typer.Typer(help="Who backs whom: mention-level stance in news about the Venezuelan presidential crisis.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
data_app = typer.Typer(help="Validate, describe and import labelled data (JSON Lines records).", no_args_is_help=True)
app.add_typer(data_app, name="data")

_verbose = {"on": False}


def err(msg: str) -> None:
    print(msg, file=sys.stderr)


def friendly(fn):
    """Turn expected failures into one line on stderr and an exit code; a traceback only with --verbose."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except StanceError as e:
            if _verbose["on"]:
                traceback.print_exc()
            err(f"error: {e}")
            raise typer.Exit(e.exit_code) from None
        except KeyboardInterrupt as e:
            err(f"interrupted{': ' + str(e) if str(e) else ''}")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as e:  # a bug, not bad input: still one line unless asked
            if _verbose["on"]:
                traceback.print_exc()
            err(f"error: internal error: {type(e).__name__}: {e} (run with --verbose for the traceback)")
            raise typer.Exit(1) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        print(f"stance {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks on errors.")] = False,
) -> None:
    _verbose["on"] = verbose


# ----- train ----------------------------------------------------------------------------------
@app.command()
@friendly
def train(
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="YAML settings (fields of TrainConfig).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Folder for the model.")] = None,
    set_: Annotated[Optional[list[str]], typer.Option("--set", help="Override a setting: key=value (YAML value).")] = None,
    resume: Annotated[Optional[Path], typer.Option("--resume", help="Continue the interrupted run in this folder.")] = None,
    test: Annotated[Optional[list[Path]], typer.Option("--test", help="Held-out file scored once with the final model, for the model card.")] = None,
) -> None:
    """Fine-tune the classifier; keeps the best dev epoch and writes a model card."""
    from stance.config import load_config

    if resume is not None:
        if config is not None or output is not None:
            raise UsageError("--resume takes its settings and folder from the run it continues")
        cfg = load_config(resume / "train_config.yaml", set_ or [])
        output = resume
    else:
        if config is None:
            raise UsageError("give --config (for example configs/venezuela.yaml) or --resume")
        cfg = load_config(config, set_ or [])
        output = output or Path("runs") / config.stem
    from stance.train.trainer import run

    run(cfg, output, resume=resume is not None, test_files=[str(t) for t in test or []])


# ----- evaluate -------------------------------------------------------------------------------
@app.command()
@friendly
def evaluate(
    data: Annotated[list[Path], typer.Argument(help="Labelled JSON Lines files.")],
    model: Annotated[Optional[Path], typer.Option("--model", "-m", help="Model folder (default: the shipped model).")] = None,
    output_dir: Annotated[Optional[Path], typer.Option("--output-dir", help="Default: reports/<data-name>/.")] = None,
    train_data: Annotated[Optional[list[Path]], typer.Option("--train-data", help="Training split for the baselines (default: the model's).")] = None,
    gate: Annotated[Optional[Path], typer.Option("--gate", help="Fail (exit 1) if macro-F1 is more than the file's tolerance below its threshold.")] = None,
) -> None:
    """Score a model on labelled data: metrics.json, report.md, confusion.png, errors.jsonl."""
    from stance.evaluate.run import evaluate as run_evaluation

    run_evaluation(data, model, output_dir, train_data or [], gate)


# ----- predict --------------------------------------------------------------------------------
class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


@app.command()
@friendly
def predict(
    inputs: Annotated[list[str], typer.Argument(help="Text or .jsonl files; - for stdin.")],
    model: Annotated[Optional[Path], typer.Option("--model", "-m", help="Model folder (default: the shipped model).")] = None,
    format: Annotated[Optional[Format], typer.Option("--format", "-f", help="Default: table on a terminal, else jsonl.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.")] = None,
    summary: Annotated[bool, typer.Option("--summary", help="Per-actor stance over the whole input.")] = False,
    mentions_only: Annotated[bool, typer.Option("--mentions-only", help="Only find and link mentions; no stance model.")] = False,
    ner: Annotated[bool, typer.Option("--ner", help="Find people and organisations the gazetteer lacks with spaCy instead of the built-in rule (pip install 'stance[ner]'; slower).")] = False,
    gazetteer_only: Annotated[bool, typer.Option("--gazetteer-only", help="Only actors the gazetteer lists (no fallback for other names).")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 64,
    device: Annotated[str, typer.Option("--device", help="auto, cpu, cuda, cuda:1, ...")] = "auto",
    int8: Annotated[bool, typer.Option("--int8", help="Dynamic int8 on CPU: ~2x faster, same dev score; scores then vary slightly with batching.")] = False,
    num_shards: Annotated[int, typer.Option("--num-shards", min=1, help="Split the work into this many shards...")] = 1,
    shard_index: Annotated[int, typer.Option("--shard-index", min=0, help="...and do this one (0-based).")] = 0,
) -> None:
    """Find every actor mention and label its stance, with a confidence."""
    from stance.infer.cli import predict_command

    if shard_index >= num_shards:
        raise UsageError(f"--shard-index must be below --num-shards ({num_shards})")
    if ner and gazetteer_only:
        raise UsageError("--ner and --gazetteer-only exclude each other")
    fmt = format.value if format else ("table" if (output is None and sys.stdout.isatty()) else "jsonl")
    predict_command(inputs, model=model, fmt=fmt, output=output, summary=summary, mentions_only=mentions_only,
                    batch_size=batch_size, device=device, int8=int8, num_shards=num_shards, shard_index=shard_index,
                    fallback="ner" if ner else None if gazetteer_only else "rule")


# ----- data -----------------------------------------------------------------------------------
@data_app.command("validate")
@friendly
def data_validate(
    files: Annotated[list[Path], typer.Argument(help="JSON Lines files in the record format.")],
    labels: Annotated[Optional[str], typer.Option(help="Comma-separated label set (default: the stance labels).")] = None,
) -> None:
    """Check records against the schema; every problem is printed as FILE:LINE: message."""
    from stance import labels as label_sets
    from stance.schema import validate_file

    allowed = tuple(labels.split(",")) if labels else label_sets.DEFAULT
    bad = 0
    for f in files:
        valid, problems = validate_file(f, allowed)
        for p in problems:
            err(p)
        bad += len(problems)
        err(f"{f}: {valid} valid records, {len(problems)} problems")
    if bad:
        raise typer.Exit(1)


@data_app.command("stats")
@friendly
def data_stats(
    files: Annotated[list[Path], typer.Argument(help="JSON Lines files in the record format.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Counts per split, label, type and actor; label shares; sentences with several sides."""
    from stance.datastats import print_stats

    print_stats(files, as_json=json_out)


@data_app.command("import-newsmtsc")
@friendly
def data_import_newsmtsc(
    source: Annotated[Path, typer.Argument(help="The NewsMTSC folder (train.jsonl, dev_rw.jsonl, ...).")],
    out: Annotated[Path, typer.Argument(help="Folder for the converted record files.")],
) -> None:
    """Convert NewsMTSC to the record format with labels negative / neutral / positive."""
    from stance.newsmtsc import import_folder

    import_folder(source, out)


def main() -> None:
    app()
