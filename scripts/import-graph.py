#!/usr/bin/env python3
"""Lists the import circles between the modules of src/ (each file is a module): `crate::` and
`super::` paths, and `use` of a child by name, are resolved to the file of the module they
name. A module and the children it declares are one room (a parent opening its children, a
child reaching its parent's shared items) and are not counted as a circle. Prints every
circle found and exits 1 if there is one; run from the repository root: it is part of
`cargo test` through tests/architecture.rs."""
import os, re, sys

SRC = "src"
files = {}
for root, _, names in os.walk(SRC):
    for n in names:
        if n.endswith(".rs"):
            p = os.path.join(root, n)
            rel = os.path.relpath(p, SRC)[:-3].split(os.sep)
            if rel[-1] == "mod":
                rel = rel[:-1]
            if rel in (["lib"], ["main"]):
                rel = []
            files[tuple(rel)] = p

def resolve(path):
    """The longest module prefix of `path` that is a file."""
    for k in range(len(path), -1, -1):
        if tuple(path[:k]) in files:
            return tuple(path[:k])
    return None

edges = {m: set() for m in files}
for mod, p in files.items():
    text = open(p).read()
    text = re.split(r"#\[cfg\(test\)\]\s*mod tests", text)[0]  # tests may reach anywhere
    text = "\n".join(l for l in text.split("\n") if not l.lstrip().startswith("//"))
    for m in re.finditer(r"\b(crate|super)((?:::\w+)+)", text):
        parts = m.group(2).split("::")[1:]
        if m.group(1) == "crate":
            base = []
        else:
            base = list(mod[:-1]) if not p.endswith("mod.rs") else list(mod)
            base = base[:-1] if p.endswith("mod.rs") else base
        target = resolve(base + parts)
        if target is not None and target != mod and target != tuple(base):
            edges[mod].add(target)
    for m in re.finditer(r"^\s*(?:pub(?:\([\w:]+\))?\s+)?use\s+(\w+)((?:::\w+)*)", text, re.M):
        first = m.group(1)
        if first in ("std", "crate", "super", "self", "core"):
            continue
        parts = [first] + m.group(2).split("::")[1:]
        target = resolve(list(mod) + parts)  # a child module used by name
        if target is not None and target != mod and len(target) > len(mod):
            edges[mod].add(target)

# Circles: strongly connected components with more than one module, ignoring the edge from
# a parent to a child it declares and re-exports (that is how a module opens its rooms).
def parent_child(a, b):
    return len(b) == len(a) + 1 and b[: len(a)] == a
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)
def strong(v):
    index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
    for w in edges[v]:
        if parent_child(v, w):
            continue
        if w not in index:
            strong(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: sccs.append(comp)
for v in list(edges):
    if v not in index:
        strong(v)
for comp in sccs:
    print("circle:", ", ".join("::".join(c) or "crate" for c in sorted(comp)))
print(f"{len(files)} modules, {sum(len(e) for e in edges.values())} imports, {len(sccs)} circles")
sys.exit(1 if sccs else 0)
