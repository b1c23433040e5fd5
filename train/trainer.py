"""`stance train`: fine-tune the mention classifier, select on dev, save a small checkpoint.

The loop is deliberately plain PyTorch (no Trainer): one forward per batch of
windows, all mentions of a window classified at once. It runs on CPU or CUDA
(bf16/fp16 autocast), data-parallel under ``torchrun``, and can be interrupted
(SIGINT, SIGTERM) and resumed exactly: the batch order and augmentation of
every epoch are a pure function of (seed, epoch), and the saved state holds
the weights, the optimiser, the scheduler and the RNG.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import platform
import random
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import torch
import torch.distributed as dist

from stance import model as model_io
from stance.config import TrainConfig
from stance.errors import StanceError
from stance.features import encode
from stance.runtime import INT8_TOLERANCE, classify, collate, pick_device, quantize_int8
from stance.schema import load_records
from stance.train.augment import swap_entities, swap_pools
from stance.train.ema import WeightAverage
from stance.train.state import load_state, save_state

STATE_NAME = "train_state.safetensors"
CHUNK_BATCHES = 50


def _num_batches(n: int, size: int) -> int:
    """Batches per epoch as `Trainer.epoch_batches` cuts them (length-sorted chunks)."""
    chunk = size * CHUNK_BATCHES
    return sum(math.ceil(min(chunk, n - c) / size) for c in range(0, n, chunk))


def log(msg: str) -> None:
    if _rank() == 0:
        print(msg, file=sys.stderr, flush=True)


def _rank() -> int:
    return dist.get_rank() if dist.is_available() and dist.is_initialized() else 0


@dataclass
class Progress:
    """Where a run stands; saved with the weights so a resumed run continues exactly."""

    epoch: int = 0
    step_in_epoch: int = 0
    global_step: int = 0
    best_f1: float = -1.0
    best_epoch: int = -1
    bad_epochs: int = 0
    history: list = field(default_factory=list)
    seconds: float = 0.0


def macro_f1(gold: list[int], pred: list[int], num_labels: int) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, labels=list(range(num_labels)), average="macro", zero_division=0))


def evaluate_records(model, tokenizer, records, cfg: TrainConfig, device) -> dict:
    """Macro-F1 and accuracy of the gold mentions of `records`."""
    label2id = {label: i for i, label in enumerate(cfg.labels)}
    was_training = model.training
    model.eval()
    probs = classify(model, tokenizer, [r.text for r in records],
                     [[(m.start, m.end) for m in r.mentions] for r in records], cfg.max_length, device=device)
    model.train(was_training)
    gold = [label2id[m.label] for r in records for m in r.mentions]
    pred = [int(i) for p in probs for i in p.argmax(-1)]
    acc = sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1)
    return {"macro_f1": macro_f1(gold, pred, len(cfg.labels)), "accuracy": acc, "mentions": len(gold)}


class Trainer:
    def __init__(self, cfg: TrainConfig, output: Path, resume: bool = False):
        self.cfg, self.output = cfg, Path(output)
        self.stop_requested = False
        self.on_step = None  # test hook: called with the global step after each optimiser step
        self._setup_distributed()
        torch.manual_seed(cfg.seed)
        random.seed(cfg.seed)
        if cfg.threads:
            torch.set_num_threads(cfg.threads)
        self.device = self._device()
        self.train_records = load_records(cfg.train_files, cfg.labels)
        self.dev_records = load_records(cfg.dev_files, cfg.labels)
        if not self.train_records:
            raise StanceError(f"{', '.join(cfg.train_files)}: no training records")
        self.model, self.tokenizer = model_io.build(cfg)
        self.model.to(self.device)
        self.swap_pools = self._swap_pools()
        self.class_weights = self._class_weights()
        self.steps_per_epoch = _num_batches(len(self.train_records), cfg.batch_size) // self._world_size
        self.total_steps = cfg.epochs * self.steps_per_epoch
        if cfg.max_steps:
            self.total_steps = min(self.total_steps, cfg.max_steps)
        self.optimizer = self._optimizer()
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(self.optimizer, self._lr_factor)
        self.average = WeightAverage(self.model, cfg.ema_decay) if cfg.ema_decay else None
        self.progress = Progress()
        if resume:
            self.progress = Progress(**load_state(self.output / STATE_NAME, self.model, self.optimizer,
                                                  self.scheduler, self._average_tensors()))
        self.ddp = self.model
        if self._world_size > 1:
            self.ddp = torch.nn.parallel.DistributedDataParallel(
                self.model, device_ids=[self.device.index] if self.device.type == "cuda" else None)

    # ----- set-up -------------------------------------------------------------------------
    def _average_tensors(self) -> dict | None:
        return self.average.shadow if self.average else None

    def _averaged(self):
        """The weights each epoch evaluates and saves: the moving average if there is one."""
        return self.average.applied() if self.average else contextlib.nullcontext()

    def _setup_distributed(self) -> None:
        self._world_size = int(os.environ.get("WORLD_SIZE", "1"))
        if self._world_size > 1 and not dist.is_initialized():
            backend = "nccl" if torch.cuda.is_available() else "gloo"
            dist.init_process_group(backend)

    def _device(self) -> torch.device:
        device = pick_device(self.cfg.device)
        if device.type == "cuda" and self._world_size > 1:
            device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
            torch.cuda.set_device(device)
        return device

    def _autocast_dtype(self) -> torch.dtype | None:
        p = self.cfg.precision
        if self.device.type != "cuda" or p == "fp32":
            return None if p in ("auto", "fp32") else {"bf16": torch.bfloat16, "fp16": torch.float16}[p]
        if p == "auto":
            return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        return {"bf16": torch.bfloat16, "fp16": torch.float16}[p]

    def _swap_pools(self) -> dict:
        home = None
        if "person" in self.cfg.swap_types:  # people are swapped by the state they belong to
            from stance.infer.gazetteer import Gazetteer

            home = {a.id: a.country for a in Gazetteer.load().actors.values() if a.type == "person"}
        return swap_pools(self.train_records, self.cfg.swap_types, home)

    def _class_weights(self) -> torch.Tensor | None:
        if not self.cfg.class_weighting:
            return None
        counts = torch.zeros(len(self.cfg.labels))
        for r in self.train_records:
            for m in r.mentions:
                counts[self.cfg.labels.index(m.label)] += 1
        weights = counts.sum() / (len(counts) * counts.clamp(min=1))
        return weights.to(self.device)

    def _optimizer(self) -> torch.optim.Optimizer:
        head = list(self.model.head.parameters())
        head_ids = {id(p) for p in head}
        decay, no_decay = [], []
        for name, p in self.model.named_parameters():
            if not p.requires_grad or id(p) in head_ids:
                continue
            (no_decay if p.ndim < 2 or name == "markers" or "LayerNorm" in name else decay).append(p)
        groups = [{"params": decay, "weight_decay": self.cfg.weight_decay, "lr": self.cfg.learning_rate},
                  {"params": no_decay, "weight_decay": 0.0, "lr": self.cfg.learning_rate},
                  {"params": head, "weight_decay": self.cfg.weight_decay, "lr": self.cfg.head_learning_rate}]
        return torch.optim.AdamW([g for g in groups if g["params"]], lr=self.cfg.learning_rate)

    def _lr_factor(self, step: int) -> float:
        warmup = max(1, int(self.cfg.warmup_ratio * self.total_steps))
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (self.total_steps - step) / max(1, self.total_steps - warmup))

    # ----- data ---------------------------------------------------------------------------
    def epoch_batches(self, epoch: int) -> list[tuple[list, list]]:
        """This rank's batches of (windows, labels) for `epoch`: a pure function of (seed, epoch)."""
        rng = random.Random(self.cfg.seed * 1000 + epoch)
        records = [swap_entities(r, self.swap_pools, self.cfg.swap_probability, rng) for r in self.train_records]
        order = list(range(len(records)))
        rng.shuffle(order)
        # sort within chunks of 50 batches so batches hold similar lengths, then shuffle the batches
        size, chunk = self.cfg.batch_size, self.cfg.batch_size * CHUNK_BATCHES
        batches = []
        for c in range(0, len(order), chunk):
            part = sorted(order[c:c + chunk], key=lambda i: len(records[i].text))
            batches += [part[i:i + size] for i in range(0, len(part), size)]
        rng.shuffle(batches)
        batches = batches[_rank()::self._world_size][: self.steps_per_epoch]
        label2id = {label: i for i, label in enumerate(self.cfg.labels)}
        out = []
        for b in batches:
            recs = [records[i] for i in b]
            windows = encode(self.tokenizer, [r.text for r in recs],
                             [[(m.start, m.end) for m in r.mentions] for r in recs], self.cfg.max_length)
            labels = [[label2id[recs[w.item].mentions[j].label] for j in w.mentions] for w in windows]
            out.append((windows, labels))
        return out

    # ----- loop ---------------------------------------------------------------------------
    def _handle_signals(self):
        def request_stop(signum, frame):
            self.stop_requested = True
            log(f"\n{signal.Signals(signum).name} received: saving state after this step")
        return {s: signal.signal(s, request_stop) for s in (signal.SIGINT, signal.SIGTERM)}

    def _sync_stop(self) -> bool:
        if self._world_size == 1:
            return self.stop_requested
        flag = torch.tensor([1.0 if self.stop_requested else 0.0], device=self.device)
        dist.all_reduce(flag)
        return bool(flag.item())

    def train(self) -> dict:
        from rich.progress import BarColumn, Progress as Bar, TextColumn, TimeRemainingColumn
        from rich.console import Console

        cfg, p = self.cfg, self.progress
        old_handlers = self._handle_signals() if _is_main_thread() else {}
        dtype = self._autocast_dtype()
        loss_fn = torch.nn.CrossEntropyLoss(weight=self.class_weights, label_smoothing=cfg.label_smoothing)
        log(f"training on {len(self.train_records)} sentences, {sum(len(r.mentions) for r in self.train_records)} mentions; "
            f"dev {len(self.dev_records)} sentences; device {self.device}"
            f"{', ' + str(dtype).replace('torch.', '') + ' autocast' if dtype else ''}; world size {self._world_size}")
        bar = Bar(TextColumn("epoch {task.fields[epoch]}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TextColumn("loss {task.fields[loss]:.4f} lr {task.fields[lr]:.2e}"), TimeRemainingColumn(),
                  console=Console(stderr=True), disable=_rank() != 0, transient=False)
        started = time.perf_counter() - p.seconds
        interrupted = False
        with bar:
            while p.epoch < cfg.epochs and p.global_step < self.total_steps:
                batches = self.epoch_batches(p.epoch)
                task = bar.add_task("train", total=len(batches), completed=p.step_in_epoch, epoch=p.epoch + 1,
                                    loss=0.0, lr=self.scheduler.get_last_lr()[0])
                self.model.train()
                if p.step_in_epoch == 0:  # a resumed run restores the RNG state instead
                    torch.manual_seed(cfg.seed * 7919 + p.epoch)
                for windows, labels in batches[p.step_in_epoch:]:
                    batch = {k: v.to(self.device) for k, v in collate(windows, self.tokenizer.pad_token_id, labels).items()}
                    gold = batch.pop("labels")
                    with torch.autocast(self.device.type, dtype=dtype, enabled=dtype is not None):
                        logits = self.ddp(**batch)
                    loss = loss_fn(logits.float(), gold)
                    self.optimizer.zero_grad(set_to_none=True)
                    loss.backward()
                    torch.nn.utils.clip_grad_norm_(self.model.parameters(), cfg.max_grad_norm)
                    self.optimizer.step()
                    self.scheduler.step()
                    p.step_in_epoch += 1
                    p.global_step += 1
                    if self.average:
                        self.average.update(p.global_step)
                    bar.update(task, advance=1, loss=loss.item(), lr=self.scheduler.get_last_lr()[0])
                    if self.on_step:
                        self.on_step(p.global_step)
                    if self._sync_stop():
                        interrupted = True
                        break
                    if p.global_step >= self.total_steps:
                        break
                if interrupted:
                    break
                p.seconds = time.perf_counter() - started
                self._end_epoch()
                bar.remove_task(task)
                if p.bad_epochs >= cfg.patience:
                    log(f"early stop: no better dev macro-F1 for {cfg.patience} epochs")
                    break
        for s, h in old_handlers.items():
            signal.signal(s, h)
        p.seconds = time.perf_counter() - started
        if _rank() == 0:
            save_state(self.output / STATE_NAME, self.model, self.optimizer, self.scheduler, vars(p),
                       self._average_tensors())
        if interrupted:
            raise KeyboardInterrupt(f"interrupted at step {p.global_step}; state saved in {self.output}; "
                                    f"continue with: stance train --resume {self.output}")
        return vars(p)

    def _end_epoch(self) -> None:
        p = self.progress
        with self._averaged():
            scores = evaluate_records(self.model, self.tokenizer, self.dev_records, self.cfg, self.device) \
                if self.dev_records else {"macro_f1": 0.0, "accuracy": 0.0, "mentions": 0}
            improved = scores["macro_f1"] > p.best_f1
            if improved and _rank() == 0:
                model_io.save(self.model, self.tokenizer, self.cfg, self.output, extra=self._provenance())
        p.history.append({"epoch": p.epoch + 1, "step": p.global_step, "dev": scores, "seconds": round(p.seconds, 1)})
        log(f"epoch {p.epoch + 1}: dev macro-F1 {scores['macro_f1']:.4f} accuracy {scores['accuracy']:.4f}"
            f"{' (best so far)' if improved else ''}")
        if improved:
            p.best_f1, p.best_epoch, p.bad_epochs = scores["macro_f1"], p.epoch + 1, 0
        else:
            p.bad_epochs += 1
        p.epoch += 1
        p.step_in_epoch = 0
        if _rank() == 0:
            save_state(self.output / STATE_NAME, self.model, self.optimizer, self.scheduler, vars(p),
                       self._average_tensors())

    def _provenance(self) -> dict:
        from stance.infer.gazetteer import gazetteer_version

        return {"gazetteer_version": gazetteer_version()}


def _is_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def hardware() -> str:
    if torch.cuda.is_available():
        return f"{torch.cuda.get_device_name(0)} (CUDA {torch.version.cuda})"
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPU cores, {torch.get_num_threads()} torch threads"


def int8_check(model, tokenizer, dev_records, cfg: TrainConfig, dev_fp32: dict) -> dict:
    """Dev scores of the int8 CPU path, and whether they stay within INT8_TOLERANCE of fp32's."""
    cpu = torch.device("cpu")
    scores = evaluate_records(quantize_int8(model.to(cpu)), tokenizer, dev_records, cfg, cpu)
    return {"dev_int8": scores, "cpu_int8": abs(scores["macro_f1"] - dev_fp32["macro_f1"]) <= INT8_TOLERANCE}


def run(cfg: TrainConfig, output: Path, resume: bool = False, test_files: list[str] = ()) -> dict:
    """Train, keep the best epoch, write metrics and the model card. Returns the run summary."""
    from stance.card import write_card
    from stance.textio import atomic_write

    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    if not resume:
        from stance.config import dump_config

        dump_config(cfg, output / "train_config.yaml")
    trainer = Trainer(cfg, output, resume=resume)
    progress = trainer.train()
    summary = {"best_epoch": progress["best_epoch"], "dev": {}, "history": progress["history"],
               "train_seconds": round(progress["seconds"], 1), "hardware": hardware(),
               "world_size": trainer._world_size, "device": str(trainer.device)}
    if _rank() == 0:
        model, tokenizer, _ = model_io.load(output)
        model.to(trainer.device)
        if test_files:
            test = load_records(test_files, cfg.labels)
            summary["test"] = evaluate_records(model, tokenizer, test, cfg, trainer.device)
            summary["test_files"] = list(test_files)
        if trainer.dev_records:
            summary["dev"] = evaluate_records(model, tokenizer, trainer.dev_records, cfg, trainer.device)
            summary.update(int8_check(model, tokenizer, trainer.dev_records, cfg, summary["dev"]))  # moves it to CPU
        else:
            summary["cpu_int8"] = False  # unchecked: never assumed
        model_io.update_config(output, cpu_int8=summary["cpu_int8"])
        with atomic_write(output / "metrics.json") as f:
            json.dump(summary, f, indent=2)
        write_card(output, cfg, summary)
        dev = f"dev macro-F1 {summary['dev']['macro_f1']:.4f}" if summary["dev"] else "no dev set"
        log(f"best epoch {summary['best_epoch']}: {dev}; {summary['train_seconds']:.0f} s; model in {output}")
    if trainer._world_size > 1:
        dist.barrier()
        dist.destroy_process_group()
    return summary
