import json,collections,sys
d=json.load(open(sys.argv[1]))
evs=d['recording']['events']
tot=0; self_=collections.Counter(); incl=collections.Counter()
for e in evs:
    st=e['values']['stackTrace']
    if not st: continue
    fr=st['frames']
    names=[f['method']['type']['name'].split('/')[-1]+'.'+f['method']['name'] for f in fr]
    if 'Exchanges.order' not in names: continue
    tot+=1
    hs=[n for n in names if 'Lambda' not in n]
    self_[names[0]+' <- '+' <- '.join([n for n,f in zip(names,fr) if f['method']['type']['name'].startswith('dev/httpaudit') and 'Lambda' not in n][:2])]+=1
    for n in set(names): incl[n]+=1
print('samples',tot)
print('--- inclusive')
for k,v in incl.most_common(int(sys.argv[2]) if len(sys.argv)>2 else 60):
    if k.split('.')[0] in ('Thread','ExchangeBenchmark_exchange_jmhTest'): continue
    print(f"{100*v/tot:5.1f}% {k}")
print('--- self')
for k,v in self_.most_common(25): print(f"{100*v/tot:5.1f}% {k}")
