import json,sys,collections
d=json.load(open(sys.argv[1]))
cats=[('harness (BenchRequest/Response, handler)',['bench/exchange/Bench','Exchanges.lambda$order','bench/Exchanges.order']),
('capture buffers (BoundedCapture growth)',['BoundedCapture.ensureCapacity']),
('ValueScrubber automaton per event',['ValueAutomaton']),
('ValueScrubber find/scrub',['ValueScrubber']),
('JSON body redaction (JsonBodies/Splice/TextLexer)',['JsonBodies','Splice','TextLexer','DecodedView']),
('body bytes->String (BodyText.decode)',['BodyText']),
('request header map (Auditor.headers)',['Auditor.headers']),
('Headers.copyOf (record freeze)',['dev/httpaudit/core/Headers']),
('response header map (EventAssembler.responseHeaders)',['EventAssembler.responseHeaders']),
('redaction headers (Parts.eachHeader)',['Parts.eachHeader','Redactor.headers','Redactor.headerValue','recordHeaderValue']),
('wouldChange (correlation ID check)',['wouldChange']),
('CorrelationIds.generate',['CorrelationIds']),
('size limiter',['EventSizeLimiter','EventJsonWriter']),
('other redactor',['dev/httpaudit/core/redact']),
('Exchange parts / wrappers',['servlet/Exchange','DispatchLifecycle.enter','AuditedRequest','AuditedResponse','TeeInputStream','TeeOutputStream','MdcScope','CorrelationMdc','ResponseBodyTap','RequestBodyTap','ClientAddress','ExchangeStart']),
('event assembly/build',['EventAssembler','AuditEvent','ContentTypes']),
('path normalization',['PathNormalizer']),
('other project',['dev/httpaudit']),
]
tot=0; c=collections.Counter(); ex={}
for e in d['recording']['events']:
    v=e['values']; w=v['weight']
    fr=v['stackTrace']['frames'] if v.get('stackTrace') else []
    names=[f"{f['method']['type']['name']}.{f['method']['name']}:{f['lineNumber']}" for f in fr]
    s=' < '.join(names)
    if 'dev/httpaudit' not in s: continue
    tot+=w
    hit=None
    for n in names:
        for name,keys in cats:
            if any(k in n for k in keys): hit=name; break
        if hit: break
    c[hit or 'unclassified']+=w
norm=float(sys.argv[2]) if len(sys.argv)>2 else None
for k,w in c.most_common(): print(f"{100*w/tot:5.1f}%  {'' if norm is None else '%6.0f B/op  '%(norm*w/tot)}{k}")
