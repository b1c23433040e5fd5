"""Speed and memory of `stance predict` against the naive way and against the hardware.

    python benchmarks/bench.py [--model DIR] [--runs 5] [--output reports/benchmarks.md]

One run on one machine measures: end-to-end throughput on a fixed 4,000-sentence news corpus
built from the project's own data (model load timed apart); the naive way users write (one
forward per mention, that mention alone marked, batch size 1, same weights); latency per
sentence at batch size 1; peak resident memory; the share of the measured fp32 matmul peak
that batched inference reaches; the int8 CPU path's speed and dev macro-F1 beside fp32; and
training step time for the default config. Figures are medians over `--runs` runs, with min
and max. Progress goes to stderr, the report to --output and stdout.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def spread(values: list[float], fmt: str = "{:.1f}") -> str:
    return f"{fmt.format(statistics.median(values))} (min {fmt.format(min(values))}, max {fmt.format(max(values))})"


def corpus(n: int = 4000, seed: int = 0) -> str:
    """A fixed news text: project sentences in 4-sentence paragraphs, drawn with a fixed seed."""
    texts = [json.loads(line)["text"] for split in ("train", "dev", "test")
             for line in (REPO / "data" / "venezuela" / f"{split}.jsonl").read_text().splitlines()]
    rng = random.Random(seed)
    picked = [rng.choice(texts) for _ in range(n)]
    return "\n\n".join(" ".join(picked[i:i + 4]) for i in range(0, n, 4)) + "\n"


def matmul_peak(size: int = 2048, reps: int = 10) -> float:
    import torch

    a, b = torch.randn(size, size), torch.randn(size, size)
    torch.matmul(a, b)
    best = 0.0
    for _ in range(3):
        t = time.perf_counter()
        for _ in range(reps):
            torch.matmul(a, b)
        best = max(best, 2 * size**3 * reps / (time.perf_counter() - t) / 1e9)
    return best


def flops_per_sentence(model, tokens: float, mentions: float) -> float:
    """Forward FLOPs executed for one sentence: every layer on every token, except that a marker
    head's last layer computes keys and values for every token and the rest at the mentions only."""
    c = model.encoder.config
    h, inner, n = c.hidden_size, c.intermediate_size, c.num_hidden_layers
    layer = 2 * (4 * h * h + 2 * h * inner) + 4 * tokens * h  # a token: 6 matrices + attention over the sentence
    if not model.markers_only:
        return n * tokens * layer
    return (n - 1) * tokens * layer + tokens * 2 * (2 * h * h) + mentions * (layer - 2 * (2 * h * h))


def transformers_twin(runner):
    """The same weights with the encoder in `transformers.BertModel`: what a hand-written loop runs."""
    import copy

    from transformers import AutoModel

    from stance.model import quiet_transformers, resolve_encoder

    quiet_transformers()
    encoder = AutoModel.from_pretrained(resolve_encoder(runner.config["encoder"]), add_pooling_layer=False)
    encoder.load_state_dict(runner.model.encoder.state_dict(), strict=True)
    twin = copy.deepcopy(runner.model)
    twin.encoder = encoder.eval()
    return twin


def naive(runner, model, sentences, limit: int) -> float:
    """One forward of `model` per mention with only that mention marked, batch size 1: mentions/s."""
    import torch

    from stance.features import encode
    from stance.runtime import collate

    todo = [(s, m) for s in sentences for m in s.mentions][:limit]
    t = time.perf_counter()
    with torch.inference_mode():
        for s, m in todo:
            (window,) = encode(runner.tokenizer, [s.text], [[(m.start - s.start, m.end - s.start)]],
                               runner.config["max_length"])
            batch = collate([window], runner.tokenizer.pad_token_id)
            model(**batch).softmax(-1)
    return len(todo) / (time.perf_counter() - t)


def detected_sentences(text: str):
    from stance.infer.predictor import iter_text_sentences

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(text)
    try:
        return list(iter_text_sentences(f.name))
    finally:
        os.unlink(f.name)


def dev_f1(runner) -> float:
    from stance.schema import load_records
    from stance.train.trainer import macro_f1

    records = load_records([REPO / "data" / "venezuela" / "dev.jsonl"], runner.labels)
    mentions = runner.predict_records(records)
    gold = [runner.labels.index(m.label) for r in records for m in r.mentions]
    pred = [runner.labels.index(m.label) for ms in mentions for m in ms]
    return macro_f1(gold, pred, len(runner.labels))


def end_to_end(model_dir, text: str, quantize: bool, runs: int) -> dict:
    """Load time, then split + detect + classify the whole text, `runs` times."""
    from stance.infer.predictor import StanceModel

    loads, rates, mrates = [], [], []
    for _ in range(runs):
        t = time.perf_counter()
        runner = StanceModel.load(model_dir, int8=quantize)
        loads.append(time.perf_counter() - t)
        t = time.perf_counter()
        out = list(runner.stream(detected_sentences(text)))
        el = time.perf_counter() - t
        rates.append(len(out) / el)
        mrates.append(sum(len(s.mentions) for s in out) / el)
    return {"runner": runner, "sentences": len(out), "mentions": sum(len(s.mentions) for s in out),
            "load": loads, "sent_s": rates, "ment_s": mrates}


def cli_wall(args: list[str], runs: int) -> tuple[list[float], float]:
    """Wall seconds of a `stance` command run afresh `runs` times, and the largest child RSS (MB)."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "stance", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return times, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def training_steps(steps: int = 20) -> tuple[float, float]:
    """Seconds per optimiser step and samples/s of the default config (after 3 warm-up steps)."""
    from stance.config import load_config
    from stance.runtime import collate
    from stance.train.trainer import Trainer

    cfg = load_config(REPO / "configs" / "venezuela.yaml",
                      [f"train_files=[{REPO / 'data/venezuela/train.jsonl'}]", "dev_files=[]"])
    with tempfile.TemporaryDirectory() as out:
        trainer = Trainer(cfg, Path(out))
        batches = trainer.epoch_batches(0)[: steps + 3]
        times = []
        for i, (windows, labels) in enumerate(batches):
            batch = collate(windows, trainer.tokenizer.pad_token_id, labels)
            gold = batch.pop("labels")
            t = time.perf_counter()
            loss = __import__("torch").nn.functional.cross_entropy(trainer.model(**batch), gold)
            trainer.optimizer.zero_grad()
            loss.backward()
            trainer.optimizer.step()
            if i >= 3:
                times.append(time.perf_counter() - t)
    step = statistics.median(times)
    return step, cfg.batch_size / step


def main() -> None:
    import torch

    from stance.infer.predictor import default_model_path

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=str(default_model_path()))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--naive-mentions", type=int, default=600, help="mentions timed on the naive path")
    ap.add_argument("--output", default=str(REPO / "reports" / "benchmarks.md"))
    args = ap.parse_args()

    text = corpus()
    log(f"corpus: 4,000 sentences, {len(text):,} characters")
    help_times, _ = cli_wall(["--help"], args.runs)
    paragraph = REPO / "examples" / "story.txt"
    para_times, para_rss = cli_wall(["predict", str(paragraph), "--model", args.model, "--format", "jsonl"], args.runs)
    log(f"stance --help {spread(help_times, '{:.2f}')} s; one paragraph {spread(para_times, '{:.2f}')} s")
    peak = matmul_peak()
    log(f"matmul peak {peak:.0f} GFLOP/s")
    fp32 = end_to_end(args.model, text, quantize=False, runs=args.runs)
    log(f"fp32 end to end: {spread(fp32['sent_s'])} sentences/s")
    int8 = end_to_end(args.model, text, quantize=True, runs=args.runs)
    log(f"int8 end to end: {spread(int8['sent_s'])} sentences/s")
    runner = fp32["runner"]
    sentences = detected_sentences(text)
    twin = transformers_twin(runner)
    naive_rates = [naive(runner, twin, sentences, args.naive_mentions) for _ in range(args.runs)]
    log(f"naive (transformers encoder): {spread(naive_rates)} mentions/s")
    own_rates = [naive(runner, runner.model, sentences, args.naive_mentions) for _ in range(args.runs)]
    log(f"naive (stance's encoder): {spread(own_rates)} mentions/s")

    marked = [s for s in sentences if s.mentions]
    latencies = []
    one = marked[:300]
    for s in one:
        t = time.perf_counter()
        runner.classify([s])
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    p50, p95 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95)]

    # + [CLS], [SEP] and two markers a mention
    tokens = [len(ids) + 2 + 2 * len(s.mentions) for ids, s in zip(runner.tokenizer([s.text for s in marked])["input_ids"], marked)]
    mean_tokens = sum(tokens) / len(tokens)
    mean_mentions = sum(len(s.mentions) for s in marked) / len(marked)
    sentence_flops = flops_per_sentence(runner.model, mean_tokens, mean_mentions)
    model_rates = []  # the classifier alone, on the sentences that have mentions
    for _ in range(args.runs):
        t = time.perf_counter()
        runner.classify(sentences)
        model_rates.append(len(marked) / (time.perf_counter() - t))
    gflops = statistics.median(model_rates) * sentence_flops / 1e9

    f1_fp32, f1_int8 = dev_f1(runner), dev_f1(int8["runner"])
    step, samples = training_steps()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = statistics.median(fp32["ment_s"]) / statistics.median(naive_rates)
    ratio8 = statistics.median(int8["ment_s"]) / statistics.median(naive_rates)
    cpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model_name = next((l.split(":", 1)[1].strip() for l in cpu.splitlines() if l.startswith("Model name")), platform.processor())
    report = f"""# Benchmarks

Measured {datetime.date.today().isoformat()} on {model_name}, {os.cpu_count()} cores, torch
{torch.__version__} ({torch.get_num_threads()} threads), model `{Path(args.model).name}`.
Command: `python benchmarks/bench.py --runs {args.runs}`. Figures are medians of {args.runs} runs (min, max).

The corpus: 4,000 sentences drawn with a fixed seed from the project's data, in paragraphs
({fp32['sentences']} sentences after splitting, {fp32['mentions']} mentions found).

| measure | fp32 (the default) | int8 (`--int8`: dynamic, one weight scale per channel) |
| --- | --- | --- |
| model load (s) | {spread(fp32['load'], '{:.2f}')} | {spread(int8['load'], '{:.2f}')} |
| end to end, sentences/s (split + detect + classify) | {spread(fp32['sent_s'])} | {spread(int8['sent_s'])} |
| end to end, mentions/s | {spread(fp32['ment_s'])} | {spread(int8['ment_s'])} |
| speed-up over the naive `transformers` loop (mentions/s) | {ratio:.1f}x | {ratio8:.1f}x |
| dev macro-F1 | {f1_fp32:.4f} | {f1_int8:.4f} ({f1_int8 - f1_fp32:+.4f}) |

- Naive way (one forward per mention, only that mention marked, batch size 1, same weights in
  `transformers.BertModel`, as a hand-written Hugging Face loop runs them; first {args.naive_mentions}
  mentions): {spread(naive_rates)} mentions/s.
- The same loop on stance's own encoder (`stance/encoder.py`):
  {spread(own_rates)} mentions/s; against it the batched path is
  {statistics.median(fp32['ment_s']) / statistics.median(own_rates):.1f}x (fp32) and {statistics.median(int8['ment_s']) / statistics.median(own_rates):.1f}x (int8).
- Latency per sentence at batch size 1 (fp32, {len(one)} sentences): p50 {p50:.1f} ms, p95 {p95:.1f} ms.
- Hardware share: the classifier alone (fp32) ran {statistics.median(model_rates):.0f} sentences/s of
  {mean_tokens:.1f} tokens (markers included) and {mean_mentions:.2f} mentions, {sentence_flops / 1e6:.0f} MFLOP
  a sentence as executed (the last layer only at the mentions): {gflops:.0f} GFLOP/s, {gflops / peak:.0%} of
  the measured fp32 `torch.matmul` peak
  ({peak:.0f} GFLOP/s, 2048x2048).
- Training (default config, fp32, CPU): {step:.2f} s a step of {samples * step:.0f} sentences, {samples:.1f} sentences/s.
- Peak resident memory of this whole run: {rss:.0f} MB; of `stance predict` on one story: {para_rss:.0f} MB.
- `python -m stance --help` (a fresh process): {spread(help_times, '{:.2f}')} s wall.
- `stance predict examples/story.txt` (a fresh process, model load included, {paragraph.stat().st_size} bytes):
  {spread(para_times, '{:.2f}')} s wall.
"""
    Path(args.output).write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
