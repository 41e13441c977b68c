#!/usr/bin/env python3
# usage: jmhmed.py JAR [jmh args...]: runs JMH, prints per benchmark (and params) the median and min/max of measurement iterations, and alloc norm
import subprocess,sys,re,statistics
jar=sys.argv[1]; args=sys.argv[2:]
p=subprocess.run(['java','-jar',jar]+args,capture_output=True,text=True)
cur=None; its={}; alloc={}
for line in p.stdout.splitlines():
    m=re.match(r'# Benchmark: (\S+)',line)
    if m: cur=m.group(1).split('.')[-2]+'.'+m.group(1).split('.')[-1]; continue
    m=re.match(r'# Parameters: \((.*)\)',line)
    if m: cur=cur.split(' ')[0]+' '+m.group(1); continue
    m=re.match(r'Iteration\s+\d+:\s+([\d.]+)\s',line)
    if m: its.setdefault(cur,[]).append(float(m.group(1)))
    m=re.match(r'\s+·?gc\.alloc\.rate\.norm:\s+([\d.]+)',line)
    if m: alloc.setdefault(cur,[]).append(float(m.group(1)))
for k,v in its.items():
    a=alloc.get(k); 
    print(f"{k}: median {statistics.median(v):.2f} (min {min(v):.2f}, max {max(v):.2f}, n={len(v)})" + (f" alloc {statistics.median(a):.0f} B/op" if a else ""))
if not its: print(p.stdout[-3000:], p.stderr[-2000:])
