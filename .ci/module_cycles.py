#!/usr/bin/env python3
"""No cycles between a crate's modules.

Reads every `.rs` file under the folders given, takes each `crate::`,
`super::` and `self::` path (and `use super::{a, b}` lists) as an edge from
its file's module to the deepest module the path names, and reports every
strongly connected set of more than one module. A module and its own
submodules are one place and are not counted. Tests (`#[cfg(test)] mod
tests`) are left out. Exits 1 when a cycle remains.

    python3 .ci/module_cycles.py generator/src runtime/src
"""
import os
import re
import sys


def cycles(root):
    mods={}
    for dp,dn,fn in os.walk(root):
        for f in fn:
            if not f.endswith('.rs'): continue
            p=os.path.join(dp,f); rel=os.path.relpath(p,root)[:-3]
            parts=rel.split('/')
            if parts[-1] in ('mod','lib','main'): parts=parts[:-1]
            mods['::'.join(parts)]=open(p).read()
    def resolve(cur, path):
        # cur: module path list; path like crate::a::b or super::x or self::x
        segs=path.split('::')
        if segs[0]=='crate': base=[]; segs=segs[1:]
        elif segs[0]=='super':
            base=cur[:]
            while segs and segs[0]=='super': base=base[:-1]; segs=segs[1:]
        elif segs[0]=='self': base=cur[:]; segs=segs[1:]
        else: return None
        # find longest existing module prefix
        best=None
        for i in range(len(segs),-1,-1):
            m='::'.join(base+segs[:i])
            if m in mods: best=m; break
        return best
    edges={m:set() for m in mods}
    for m,src in mods.items():
        cur=m.split('::') if m else []
        src=re.sub(r'#\[cfg\(test\)\]\s*mod tests\s*\{.*','',src,flags=re.S)
        for mt in re.finditer(r'\b((?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)+)',src):
            t=resolve(cur,mt.group(1))
            if t is not None and t!=m and not t.startswith(m+'::') and not m.startswith(t+'::') if t else False:
                edges[m].add(t)
        # use super::{a, b}
        for mt in re.finditer(r'\b(crate|super)::\{([^}]*)\}',src):
            for item in mt.group(2).split(','):
                item=item.strip().split(' ')[0]
                if not item: continue
                t=resolve(cur,mt.group(1)+'::'+item)
                if t and t!=m and not t.startswith(m+'::') and not m.startswith(t+'::'):
                    edges[m].add(t)
    # find cycles via SCC
    idx={};low={};st=[];on=set();res=[];c=[0]
    def sc(v):
        idx[v]=low[v]=c[0];c[0]+=1;st.append(v);on.add(v)
        for w in edges[v]:
            if w not in idx: sc(w);low[v]=min(low[v],low[w])
            elif w in on: low[v]=min(low[v],idx[w])
        if low[v]==idx[v]:
            comp=[]
            while True:
                w=st.pop();on.discard(w);comp.append(w)
                if w==v:break
            if len(comp)>1: res.append(comp)
    sys.setrecursionlimit(10000)
    for v in mods:
        if v not in idx: sc(v)
    return res


def main():
    found = False
    for root in sys.argv[1:]:
        for comp in cycles(root):
            found = True
            print(f"{root}: a cycle between modules {', '.join(sorted(comp))}")
    if not found:
        print("no module cycles in " + ", ".join(sys.argv[1:]))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
