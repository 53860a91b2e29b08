/**
 * [XS-1] The corpus of script-injection payloads the XSS journey (e2e/xss.test.ts) types into every
 * text field. Each payload, if it ever ran, calls its own marker `__xss(n)` (installed in every
 * page and frame by the test) or opens a dialog whose text is `xss(n)`, or loads something from the
 * sentinel host `xss.invalid` with `xss(n)` in the address: an execution is detected and attributed.
 * Each payload also holds its probe `xss(n)` as plain text, so a view that shows the payload can be
 * recognised even where an encoding hides the call (`xss(1)` is no part of `xss(12)`).
 *
 * Families: classic tags, event handlers in many spellings, `javascript:`/`data:` URLs, frames,
 * attribute and string breakouts, template injections, Markdown links and images, entities and
 * other encodings, mutation-XSS and filter-evasion shapes, polyglots, Unicode tricks, CSS.
 */

export interface Payload {
  /** 1, 2, 3 …: the number the payload reports when it runs. */
  readonly id: number;
  readonly family: string;
  readonly text: string;
}

/** The host every payload that loads something points at; the test aborts and records requests to it. */
export const SENTINEL_HOST = 'xss.invalid';
const S = `http://${SENTINEL_HOST}`;

/** The text that shows a payload is present in a view. */
export const probeOf = (p: Payload): string => `xss(${p.id})`;

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const entities = (s: string) => [...s].map((c) => `&#${c.codePointAt(0)};`).join('');
const hexEntities = (s: string) => [...s].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join('');
const jsHex = (s: string) => [...s].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
const jsUnicode = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const charCodes = (s: string) => [...s].map((c) => c.charCodeAt(0)).join(',');
const pct = (s: string) => [...s].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).join('');

/** A template is a string with `{n}` for the payload's number, or a function of it. */
type Template = string | ((n: number) => string);

const FAMILIES: Record<string, readonly Template[]> = {
  'script tag': [
    '<script>__xss({n})</script>',
    '<SCRIPT>__xss({n})</SCRIPT>',
    '<script type="module">__xss({n})</script>',
    '<script>window.__xss&&window.__xss({n})</script>',
    `<script src="${S}/xss({n}).js"></script>`,
    '<script src="data:,__xss({n})"></script>',
    (n) => `<script src="data:text/javascript;base64,${b64(`__xss(${n})`)}"></script><!--xss(${n})-->`,
    "<script>import('data:text/javascript,__xss({n})')</script>",
    '<script>setTimeout("__xss({n})")</script>',
    '<script/x>__xss({n})</script>',
    '<script\n>__xss({n})</script\n>',
    '<svg><script>__xss({n})</script></svg>',
    '<svg><script href="data:,__xss({n})"/></svg>',
    '<math><script>__xss({n})</script></math>',
    '<scr<script>ipt>__xss({n})</scr</script>ipt>',
    '<<script>__xss({n});//<</script>',
  ],
  'event handler': [
    '<img src=x onerror=__xss({n})>',
    '<img src="x" onerror="__xss({n})">',
    "<img src='x' onerror='__xss({n})'>",
    '<IMG SRC=x ONERROR=__xss({n})>',
    '<img src=x oNeRrOr=__xss({n})>',
    '<img/src/onerror=__xss({n})>',
    '<img src=x onerror\n=__xss({n})>',
    '<img src=`x` onerror=__xss({n})>',
    '<img src=x onerror=__xss({n})//',
    '<img src=x:x onerror=window.__xss&&window.__xss({n})>',
    '<img src=x onerror=top.__xss({n})>',
    '<img src=x onerror=self.__xss({n})>',
    '<img src=x onerror=globalThis.__xss({n})>',
    '<img src=x onerror=setTimeout(__xss,0,{n})>/*xss({n})*/',
    "<img src=x onerror=Function('__xss({n})')()>",
    "<img src=x onerror=eval('__xss({n})')>",
    (n) => `<img src=x onerror="window['__x'+'ss'](${n})" title=xss(${n})>`,
    (n) => `<img src=x onerror=[${n}].map(__xss) alt=xss(${n})>`,
    (n) => `<img src=x onerror=__xss\`${n}\` alt=xss(${n})>`,
    `<img src="${S}/xss({n}).png">`,
    `<img srcset="${S}/xss({n}).png 1x">`,
    '<image src=x onerror=__xss({n})>',
    '<svg onload=__xss({n})>',
    '<svg/onload=__xss({n})//',
    '<svg onload="__xss({n})"></svg>',
    '<svg><g onload=__xss({n})></g></svg>',
    '<svg><animate onbegin=__xss({n}) attributeName=x dur=1s>',
    '<svg><set onbegin=__xss({n}) attributeName=x to=1>',
    '<svg><discard onbegin=__xss({n})>',
    '<svg><image href=x onerror=__xss({n})>',
    '<body onload=__xss({n})>',
    '<body onpageshow=__xss({n})>',
    '<frameset onload=__xss({n})>',
    '<details open ontoggle=__xss({n})>',
    '<details ontoggle=__xss({n}) open><summary>xss({n})</summary></details>',
    '<input autofocus onfocus=__xss({n})>',
    '<input onfocus=__xss({n}) autofocus>',
    '<select autofocus onfocus=__xss({n})>',
    '<textarea autofocus onfocus=__xss({n})>',
    '<keygen autofocus onfocus=__xss({n})>',
    '<a id=x tabindex=1 onfocus=__xss({n}) autofocus>xss({n})</a>',
    '<x contenteditable onfocus=__xss({n}) autofocus>xss({n})</x>',
    '<marquee onstart=__xss({n})>xss({n})</marquee>',
    '<video><source onerror=__xss({n})></video>',
    '<video src=x onerror=__xss({n})>',
    '<audio src=x onerror=__xss({n})>',
    `<video poster=${S}/xss({n}).png>`,
    '<object data=x onerror=__xss({n})>',
    '<style onload=__xss({n})></style>',
    '<link rel=stylesheet href=x onerror=__xss({n})>',
    '<iframe onload=__xss({n})>',
    '<div onmouseover=__xss({n})>xss({n})</div>',
    '<div onpointerenter=__xss({n}) style=position:fixed;inset:0>xss({n})</div>',
    '<button onclick=__xss({n})>xss({n})</button>',
    '<picture><source srcset=x><img src=x onerror=__xss({n})></picture>',
    '<img src=1 onerror=__xss({n}) loading=lazy>',
    '<isindex type=image src=1 onerror=__xss({n})>',
    '<input type=image src=x onerror=__xss({n})>',
    `<input type=image src=${S}/xss({n}).png>`,
    '<body onresize=__xss({n})>',
  ],
  'handler encodings': [
    '<img src=x onerror="&#95;&#95;xss({n})">',
    '<img src=x onerror=&#x5F;&#x5F;xss({n})>',
    '<img src=x onerror="\\u005f\\u005fxss({n})">',
    (n) => `<img src=x onerror=eval('${jsHex(`__xss(${n})`)}')> xss(${n})`,
    (n) => `<img src=x onerror=eval('${jsUnicode(`__xss(${n})`)}')> xss(${n})`,
    (n) => `<img src=x onerror=eval(atob('${b64(`__xss(${n})`)}'))> xss(${n})`,
    (n) => `<img src=x onerror=eval(String.fromCharCode(${charCodes(`__xss(${n})`)}))> xss(${n})`,
    (n) => `<img src=x onerror=eval(decodeURIComponent('${pct(`__xss(${n})`)}'))> xss(${n})`,
    (n) => `<img src=x onerror="${entities(`__xss(${n})`)}"> xss(${n})`,
    (n) => `<img src=x onerror="${hexEntities(`__xss(${n})`)}"> xss(${n})`,
    "<img src=x onerror=location='javascript:__xss({n})'>",
    '<img src=x onerror=__xss&lpar;{n}&rpar;> xss({n})',
  ],
  'javascript: URL': [
    '<a href="javascript:__xss({n})">xss({n})</a>',
    '<a href="JaVaScRiPt:__xss({n})">xss({n})</a>',
    '<a href=" javascript:__xss({n})">xss({n})</a>',
    '<a href="java\tscript:__xss({n})">xss({n})</a>',
    '<a href="jav&#x09;ascript:__xss({n})">xss({n})</a>',
    '<a href="&#14;javascript:__xss({n})">xss({n})</a>',
    '<a href="javascript&colon;__xss({n})">xss({n})</a>',
    '<a href="&#106;avascript:__xss({n})">xss({n})</a>',
    '<a href="javascript://%0a__xss({n})">xss({n})</a>',
    '<a href="vbscript:__xss({n})">xss({n})</a>',
    '<iframe src="javascript:__xss({n})"></iframe>',
    '<object data="javascript:__xss({n})"></object>',
    '<embed src="javascript:__xss({n})">',
    '<form action="javascript:__xss({n})"><button>xss({n})</button></form>',
    '<form><button formaction="javascript:__xss({n})">xss({n})</button></form>',
    '<svg><a xlink:href="javascript:__xss({n})"><text x=9 y=9>xss({n})</text></a></svg>',
    '<svg><a><set attributeName=href to="javascript:__xss({n})"/><text x=9 y=9>xss({n})</text></a></svg>',
    '<math><mi xlink:href="javascript:__xss({n})">xss({n})</mi></math>',
    '<table background="javascript:__xss({n})">',
    '<meta http-equiv="refresh" content="0;url=javascript:__xss({n})">',
    'javascript:__xss({n})',
    'javascript:/*xss({n})*/__xss({n})',
    'JAVASCRIPT:__xss({n})',
    'javascript:void(__xss({n}))',
    '  javascript:__xss({n})',
  ],
  'data: URL': [
    '<iframe src="data:text/html,<script>__xss({n})</script>"></iframe>',
    (n) => `<iframe src="data:text/html;base64,${b64(`<script>__xss(${n})</script>`)}"></iframe> xss(${n})`,
    '<object data="data:text/html,<script>__xss({n})</script>"></object>',
    (n) => `<embed src="data:text/html;base64,${b64(`<script>__xss(${n})</script>`)}"> xss(${n})`,
    '<a href="data:text/html,<script>__xss({n})</script>">xss({n})</a>',
    '<svg><use href="data:image/svg+xml,<svg id=\'x\' xmlns=\'http://www.w3.org/2000/svg\'><image href=\'x\' onerror=\'__xss({n})\'/></svg>#x"/></svg>',
    '<math><mi//xlink:href="data:x,<script>__xss({n})</script>">',
    'data:text/html,<script>__xss({n})</script>',
    (n) => `data:text/html;base64,${b64(`<svg onload=__xss(${n})>`)} xss(${n})`,
  ],
  frames: [
    '<iframe srcdoc="<script>__xss({n})</script>"></iframe>',
    '<iframe srcdoc="&lt;img src=x onerror=__xss({n})&gt;"></iframe>',
    '<iframe srcdoc=\'<svg onload=parent.__xss({n})>\'></iframe>',
    `<iframe src="${S}/xss({n})"></iframe>`,
    '<svg><foreignObject><iframe srcdoc="<script>__xss({n})</script>"></iframe></foreignObject></svg>',
    `<object type="text/html" data="${S}/xss({n})"></object>`,
    `<embed src="${S}/xss({n}).svg">`,
    `<base href="${S}/xss({n})/">`,
    `<link rel=prefetch href="${S}/xss({n})">`,
    `<a href="${S}/xss({n})" ping="${S}/xss({n})">xss({n})</a>`,
  ],
  'attribute breakout': [
    '"><img src=x onerror=__xss({n})>',
    "'><img src=x onerror=__xss({n})>",
    '"><svg onload=__xss({n})>',
    '" onmouseover="__xss({n})',
    "' onmouseover='__xss({n})",
    '" autofocus onfocus="__xss({n})',
    "' autofocus onfocus='__xss({n})",
    '" onfocus=__xss({n}) autofocus x="',
    '"/><script>__xss({n})</script>',
    '`><img src=x onerror=__xss({n})>',
    'x" style="background:url(javascript:__xss({n}))',
    '" accesskey="x" onclick="__xss({n})',
    '"><iframe srcdoc="<script>__xss({n})</script>">',
    '" src=x onerror="__xss({n})',
    '\\"><img src=x onerror=__xss({n})>',
  ],
  'string breakout': [
    "'-__xss({n})-'",
    '"-__xss({n})-"',
    "';__xss({n});//",
    '";__xss({n});//',
    "\\';__xss({n});//",
    "'+__xss({n})+'",
    '</script><script>__xss({n})</script>',
    '</script><img src=x onerror=__xss({n})>',
    '\u2028__xss({n})\u2029',
    "');__xss({n});('",
    '*/__xss({n})/*',
    '}};__xss({n});{{',
  ],
  'template injection': [
    '{{__xss({n})}}',
    "{{constructor.constructor('__xss({n})')()}}",
    "{{$on.constructor('__xss({n})')()}}",
    '${__xss({n})}',
    '`${__xss({n})}`',
    '#{__xss({n})}',
    '<%= __xss({n}) %>',
    '{{=__xss({n})}}',
    '{% print(__xss({n})) %}',
    '{{name}} {{count}} {{title}} xss({n})',
    '$& $` $\' $1 $$ xss({n})',
    '[[__xss({n})]]',
    '<div v-html="\'<img src=x onerror=__xss({n})>\'"></div>',
    '{{html "<img src=x onerror=__xss({n})>"}}',
  ],
  markdown: [
    '[xss({n})](javascript:__xss({n}))',
    '[xss({n})](JAVASCRIPT:__xss({n}))',
    '[xss({n})]( javascript:__xss({n}) )',
    '[xss({n})](<javascript:__xss({n})>)',
    '[xss({n})](javascript&#58;__xss({n}))',
    '[xss({n})](&#x6A;avascript:__xss({n}))',
    '[xss({n})](vbscript:__xss({n}))',
    (n) => `[xss(${n})](data:text/html;base64,${b64(`<script>__xss(${n})</script>`)})`,
    '[xss({n})](https://x.invalid/" onmouseover="__xss({n}))',
    '[xss({n})](https://x.invalid "t\\" onmouseover=__xss({n}) x=\\"")',
    '[xss({n})](#" onclick="__xss({n}))',
    '![xss({n})](x" onerror="__xss({n}))',
    `![xss({n})](${S}/xss({n}).png)`,
    '![xss({n})" onerror="__xss({n})](x)',
    '![<img src=x onerror=__xss({n})>](x)',
    '[![xss({n})](x)](javascript:__xss({n}))',
    '<javascript:__xss({n})>',
    `<${S}/xss({n})" onmouseover="__xss({n})>`,
    '[xss({n})][r{n}]\n\n[r{n}]: javascript:__xss({n})',
    '`<img src=x onerror=__xss({n})>`',
    '```html\n<script>__xss({n})</script>\n```',
    '*<img src=x onerror=__xss({n})>*',
    '**<svg onload=__xss({n})>**',
    '> <svg onload=__xss({n})>',
    '# <img src=x onerror=__xss({n})>',
    '- [ ] <svg onload=__xss({n})>',
    '| <img src=x onerror=__xss({n})> | b |\n| --- | --- |\n| c | d |',
    '<details open ontoggle=__xss({n})>\n\n*xss({n})*\n\n</details>',
    '<div>\n\n[xss({n})](javascript:__xss({n}))\n\n</div>',
    `www.${SENTINEL_HOST}/xss({n})`,
    '[[chart:x]] <img src=x onerror=__xss({n})>',
    '\\<img src=x onerror=__xss({n})\\>',
    '<!-- --><img src=x onerror=__xss({n})>',
  ],
  'entities and encodings': [
    '&lt;img src=x onerror=__xss({n})&gt;',
    '&#60;img src=x onerror=__xss({n})&#62;',
    '&#x3C;svg onload=__xss({n})&#x3E;',
    '&lt&#x3C&#60 script>__xss({n})',
    '&amp;lt;script&amp;gt;__xss({n})&amp;lt;/script&amp;gt;',
    '%3Cscript%3E__xss({n})%3C%2Fscript%3E',
    '%253Cscript%253E__xss({n})%253C/script%253E',
    '\\u003cimg src=x onerror=__xss({n})\\u003e',
    '\\x3cimg src=x onerror=__xss({n})\\x3e',
    '+ADw-script+AD4-__xss({n})+ADw-/script+AD4-',
    '&#0000060img src=x onerror=__xss({n})&#0000062',
    '<img src=x onerror=&#0000095&#0000095xss({n})>',
  ],
  'mutation and filter evasion': [
    '<noscript><p title="</noscript><img src=x onerror=__xss({n})>">',
    '<svg></p><style><a id="</style><img src=x onerror=__xss({n})>">',
    '<math><mtext><table><mglyph><style><img src=x onerror=__xss({n})>',
    '<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=__xss({n})>',
    '<svg><style><img src=x onerror=__xss({n})></style></svg>',
    '<template><img src=x onerror=__xss({n})></template>',
    '<xmp><img src=x onerror=__xss({n})></xmp>',
    '<textarea><img src=x onerror=__xss({n})></textarea>',
    '</textarea><img src=x onerror=__xss({n})>',
    '</title><img src=x onerror=__xss({n})>',
    '</style><img src=x onerror=__xss({n})>',
    '--><img src=x onerror=__xss({n})>',
    '--!><img src=x onerror=__xss({n})>',
    ']]><img src=x onerror=__xss({n})>',
    '<!--<img src="--><img src=x onerror=__xss({n})//">',
    '<![CDATA[<img src=x onerror=__xss({n})>]]>',
    '<script>/*</script><img src=x onerror=__xss({n})>*/</script>',
    '<a href="</a><img src=x onerror=__xss({n})>">xss({n})</a>',
    '<img """><script>__xss({n})</script>">',
    '<<img src=x onerror=__xss({n})//<',
    '<img src=x onerror=__xss({n}) <',
    '<!DOCTYPE html><html><body onload=__xss({n})>',
    '<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">__xss({n})</x:script>',
    '<svg><![CDATA[><image xlink:href="]]><img src=x onerror=__xss({n})>"></svg>',
  ],
  polyglot: [
    'jaVasCript:/*-/*`/*\\`/*\'/*"/**/(/* */oNcliCk=__xss({n}) )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=__xss({n})//>\\x3e',
    '\'"--></style></script><svg onload=__xss({n})>',
    '"\'><script>__xss({n})</script>',
    '\';__xss({n})//\';__xss({n})//";__xss({n})//";__xss({n})//--></SCRIPT>">\'><SCRIPT>__xss({n})</SCRIPT>',
    'javascript:"/*\'/*`/*--></noscript></title></textarea></style></template></noembed></script><html " onmouseover=/*&lt;svg/*/onload=__xss({n})//>',
    '"><img src=x onerror=__xss({n})>\'><svg onload=__xss({n})>`-__xss({n})-`{{__xss({n})}}',
    '-->\'"/></sCript><deTailS open x=">" oNToggle=__xss({n})>',
    '</script></style></title></textarea><svg/onload=\'+/"/+/onmouseover=1/+/[*/[]/+__xss({n})//\'>',
  ],
  unicode: [
    '＜script＞__xss({n})＜/script＞',
    '﹤img src=x onerror=__xss({n})﹥',
    '<\u200bimg src=x onerror=__xss({n})>',
    '<img\u00a0src=x\u00a0onerror=__xss({n})>',
    '<img src=x\u3000onerror=__xss({n})>',
    '<ſcript>__xss({n})</ſcript>',
    '<ѕcript>__xss({n})</ѕcript>',
    '\u202e>)}n{(ssx__=rorreno x=crs gmi<\u202c xss({n})',
    '<a href="java\u200bscript:__xss({n})">xss({n})</a>',
    '\ufeff<script>__xss({n})</script>',
    '<img src=x onerror=__xss({n})>😀👩‍👩‍👧‍👦',
    'Ｊａｖａｓｃｒｉｐｔ:__xss({n})',
    '<i\u0338mg src=x onerror=__xss({n})>',
    '\ud83d\ude00<svg onload=__xss({n})>\u0301\u0301',
    'İ<script>__xss({n})</script>ı',
    '<img src=x onerror=__xss({n})>\u0085\u2028\u2029',
  ],
  css: [
    '<div style="background:url(javascript:__xss({n}))">xss({n})</div>',
    '<div style="width:expression(__xss({n}))">xss({n})</div>',
    'expression(__xss({n}))',
    '<div style="behavior:url(x.htc)">xss({n})</div>',
    `<style>*{background:url("${S}/xss({n}).png")}</style>`,
    `<style>@import '${S}/xss({n}).css';</style>`,
    `<link rel=stylesheet href=${S}/xss({n}).css>`,
    `@import url(${S}/xss({n}).css);`,
    `<svg><style>@import '${S}/xss({n})';</style></svg>`,
    '<style>*{x:expression(__xss({n}))}</style>',
    `<div style="background-image:image-set('${S}/xss({n}).png' 1x)">xss({n})</div>`,
    '</style><script>__xss({n})</script>',
  ],
  dialog: [
    '<img src=x onerror="alert(\'xss({n})\')">',
    '<svg onload="confirm(\'xss({n})\')">',
    '<script>prompt(\'xss({n})\')</script>',
    '<img src=x onerror=alert`xss({n})`>',
    '<details open ontoggle="top[\'al\'+\'ert\'](\'xss({n})\')">',
  ],
  'meta and headers': [
    '<meta http-equiv="Content-Security-Policy" content="script-src * \'unsafe-inline\'">xss({n})',
    '<meta http-equiv="set-cookie" content="x=xss({n})">',
    `<meta http-equiv="refresh" content="0;url=${S}/xss({n})">`,
    '<base target="_top" href="javascript:__xss({n})//">',
    '<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">__xss({n})</handler></svg>',
    '<bgsound src="javascript:__xss({n})">',
    `<applet code="x" codebase="${S}/xss({n})"></applet>`,
    '<form id=test onforminput=__xss({n})><input></form>',
    '<img src=x id=__xss name=__xss onerror=__xss({n})>',
  ],
};

function build(): Payload[] {
  const out: Payload[] = [];
  for (const [family, templates] of Object.entries(FAMILIES)) {
    for (const template of templates) {
      const id = out.length + 1;
      const text = typeof template === 'string' ? template.replace(/\{n\}/g, String(id)) : template(id);
      out.push({ id, family, text });
    }
  }
  return out;
}

/** Every payload of the corpus, numbered from 1. */
export const PAYLOADS: readonly Payload[] = build();

/** What is wrong with the corpus: empty when each payload names its own number and no other. */
export function corpusProblems(payloads: readonly Payload[] = PAYLOADS): string[] {
  const problems: string[] = [];
  const texts = new Set<string>();
  for (const p of payloads) {
    if (!p.text.includes(probeOf(p))) problems.push(`payload ${p.id} does not contain ${probeOf(p)}`);
    const others = [...p.text.matchAll(/xss\((\d+)\)/g)].map((m) => Number(m[1])).filter((n) => n !== p.id);
    if (others.length > 0) problems.push(`payload ${p.id} names ${others.join(', ')}`);
    if (texts.has(p.text)) problems.push(`payload ${p.id} is a duplicate`);
    texts.add(p.text);
    if (p.text.includes('\u0000')) problems.push(`payload ${p.id} holds U+0000, which no text column keeps`);
  }
  return problems;
}

/**
 * The payloads grouped into values of at most `max` characters joined by `separator`: how several
 * payloads share one field. A payload longer than `max` is left out (see `fits`).
 */
export function pack(payloads: readonly Payload[], max: number, separator = ' '): Payload[][] {
  const groups: Payload[][] = [];
  let current: Payload[] = [];
  let length = 0;
  for (const p of payloads) {
    if (p.text.trim().length === 0 || p.text.length > max) continue;
    const added = current.length === 0 ? p.text.length : length + separator.length + p.text.length;
    if (added > max) {
      groups.push(current);
      current = [p];
      length = p.text.length;
    } else {
      current.push(p);
      length = added;
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export const joined = (group: readonly Payload[], separator = ' '): string => group.map((p) => p.text).join(separator);

/** The payloads that fit a field of `max` characters whole. */
export const fits = (payloads: readonly Payload[], max: number): Payload[] => payloads.filter((p) => p.text.length <= max);

/** The payloads turned by `offset` places, so that one person's several fields hold different payloads. */
export function rotate<T>(items: readonly T[], offset: number): T[] {
  const k = ((offset % items.length) + items.length) % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
