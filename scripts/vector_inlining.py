"""Reports the Vector API calls that C2 did not inline into gradflow's compiled code, from a HotSpot compilation log.

usage: python3 vector_inlining.py LOG [--package dev.gradflow.backend.simd]

LOG is written by `java -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=LOG ...`
(scripts/vector-inlining-report.sh runs gradflow that way). For every method of the package, the LAST C2
compilation of its normal entry and of its loop (OSR) entry is the code that stays; the report lists, for each,
the calls into jdk.incubator.vector / jdk.internal.vm.vector that C2 left as calls ("virtual call", "no static
binding", "already compiled into a big method", ...) and did not inline later either (incremental inlining, once a
receiver's class is known, does not count as a failure). Such a call boxes its vectors on the heap and runs the
Vector API's Java fallback: one in a loop makes the kernel 10-100x slower, one per call costs microseconds.
Failures for size ("callee is too large", ...) are left out: they are the JDK's error paths (badElementBits, ...).

Exit status: 0 when no normal-entry compile has a Vector API call left (OSR compiles run once per loop entry and
are reported but do not fail), 1 otherwise, 2 on a usage error.
"""
import collections
import re
import sys

TASK = re.compile(r"<task (compile_id='(\d+)'[^>]*?method='([^']*)'[^>]*?)>(.*?)</task>", re.S)
KLASS = re.compile(r"<klass id='(\d+)' name='([^']*)'")
METHOD = re.compile(r"<method id='(\d+)' holder='(\d+)' name='([^']*)'")
EVENTS = re.compile(r"<(parse|/parse|bc|call|inline_fail)\b([^>]*)>")
ATTRIBUTE = re.compile(r"(\w+)='([^']*)'")
LATE_INLINE = re.compile(r"<late_inline method='(\d+)'[^>]*>\s*<jvms bci='(\d+)' method='(\d+)'/>")
FIRST_OUTCOME = re.compile(r"<(inline_success|inline_fail|parse) ")
VECTOR_PACKAGES = ("jdk.incubator.vector.", "jdk.internal.vm.vector.")
SIZE_REASONS = ("callee is too large", "too big", "inlining too deep", "size > DesiredMethodLimit")


def final_compiles(log_text, package):
    """{(method, 'normal'|'osr'): (compile_id, Counter of (callee, reason))} for the last C2 compile of each entry."""
    last = {}
    for task in TASK.finditer(log_text):
        attributes, compile_id, method, body = task.group(1), int(task.group(2)), task.group(3), task.group(4)
        # C1 tasks carry a tier (level='1'..'3'); C2 tasks do not.
        if " level='" in attributes or not method.startswith(package):
            continue
        holder, name = method.split(" ")[0], method.split(" ")[1]
        key = (holder.split(".")[-1] + "." + name, "osr" if "compile_kind='osr'" in attributes else "normal")
        if key not in last or last[key][0] < compile_id:
            last[key] = (compile_id, vector_calls_left(body))
    return last


def vector_calls_left(body):
    """Counter of (callee, reason) for the Vector API calls one C2 compilation left as calls.

    A call that fails at parse time may still be inlined later by C2's incremental inlining, once the receiver's
    class is known (a <late_inline> record at the same call site followed by a success): those are not counted.
    """
    classes = {m.group(1): m.group(2) for m in KLASS.finditer(body)}
    methods = {m.group(1): (classes.get(m.group(2), "?"), m.group(3)) for m in METHOD.finditer(body)}
    failed = collections.defaultdict(list)   # (callee id, bci, enclosing method id) -> [reason, ...]
    stack, callee, bci = [], None, None
    for event in EVENTS.finditer(body):
        kind, attributes = event.group(1), dict(ATTRIBUTE.findall(event.group(2)))
        if kind == "parse":
            stack.append(attributes["method"])
        elif kind == "/parse":
            stack.pop()
        elif kind == "bc":
            bci = attributes["bci"]
        elif kind == "call":
            callee = attributes["method"]
        elif kind == "inline_fail" and callee and stack:
            failed[(callee, bci, stack[-1])].append(attributes["reason"])
    for late in LATE_INLINE.finditer(body):
        site = (late.group(1), late.group(2), late.group(3))
        following = FIRST_OUTCOME.search(body, late.end())
        if site in failed and failed[site] and following and following.group(1) != "inline_fail":
            failed[site].pop()
    left = collections.Counter()
    for (callee_id, _, _), reasons in failed.items():
        holder, name = methods.get(callee_id, ("?", "?"))
        if holder.startswith(VECTOR_PACKAGES):
            for reason in reasons:
                left[(holder.rsplit(".", 1)[-1] + "." + name, reason)] += 1
    return left


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--package"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    package = argv[3] if len(argv) == 4 else "dev.gradflow.backend.simd"
    with open(argv[1], errors="replace") as log:
        compiles = final_compiles(log.read(), package)
    failing_normal = 0
    for (method, entry), (compile_id, failures) in sorted(compiles.items()):
        calls = {k: v for k, v in failures.items() if not any(r in k[1] for r in SIZE_REASONS)}
        sizes = {k: v for k, v in failures.items() if k not in calls}
        if not calls and not sizes:
            continue
        if calls and entry == "normal":
            failing_normal += 1
        if not calls:
            continue
        print(f"{method} ({entry} entry, compile {compile_id}):")
        for (callee, reason), count in sorted(calls.items()):
            print(f"    not inlined: {callee} ({reason}) x{count}")
    print(f"{len(compiles)} final C2 compiles of {package}; {failing_normal} normal-entry compiles leave Vector API calls")
    return 1 if failing_normal else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
