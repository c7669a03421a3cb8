/*
 * The site's search box (see indexer/site/search/ for the index it reads).
 *
 * The index is a set of small script files under search/, each handing its data to
 * tipkbSearch(name, data): script elements load from the offline copy opened from disk too,
 * where fetch() is refused. A query loads the manifest, the few shards its terms fall in and
 * the documents it shows; nothing else, whatever the size of the corpus.
 *
 * The analysis is the CLI's (indexer.search.textnorm, then Porter), ported here; the tables
 * come from textnorm itself through the manifest. tests/test_site_search.py checks this copy
 * against indexer/site/search/analysis.py on every word of the corpus.
 *
 * Everything shown comes from entries, which are untrusted: it is put in the page as text
 * (textContent, createTextNode), never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !("Promise" in window)) return;
  var ROOT = new URL("../../", script.src);
  var BASE = new URL("search/", ROOT);
  var PAGE_SIZE = 10;
  var NAME_PIN = 1e6; // a query that is a whole name puts that entry first, as the CLI does
  var ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

  // --- loading the index -----------------------------------------------------------------

  var loaded = Object.create(null);
  var pending = Object.create(null);
  window.tipkbSearch = function (name, data) {
    if (typeof name === "string") loaded[name] = data;
  };

  function load(name, version) {
    if (name in loaded) return Promise.resolve(loaded[name]);
    if (pending[name]) return pending[name];
    pending[name] = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = new URL(name + ".js" + (version ? "?v=" + version : ""), BASE).href;
      s.async = true;
      s.onload = function () {
        s.remove();
        if (name in loaded) resolve(loaded[name]);
        else reject(new Error("the search index file " + name + " is damaged"));
      };
      s.onerror = function () {
        s.remove();
        delete pending[name];
        reject(new Error("the search index file " + name + " cannot be read"));
      };
      document.head.appendChild(s);
    });
    return pending[name];
  }

  var M = null; // the manifest
  function manifest() {
    return load("manifest").then(function (m) {
      if (!M) {
        M = m;
        initAnalysis(m.analysis);
      }
      return M;
    });
  }

  // The shard whose first key is the last one <= key (keys sorted by code unit, as Python
  // sorts them for the characters the index holds).
  function shardOf(firsts, key) {
    var lo = 0, hi = firsts.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= key) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  function shardsOfPrefix(firsts, prefix) {
    var out = [];
    var last = shardOf(firsts, prefix + "\uffff");
    for (var i = shardOf(firsts, prefix); i <= last; i++) out.push(i);
    return out;
  }

  function termShards(keys) {
    var wanted = {};
    keys.forEach(function (k) { wanted[shardOf(M.terms, k)] = true; });
    return Promise.all(Object.keys(wanted).map(function (i) {
      return load("t/" + i, M.version);
    }));
  }

  function entryOf(term) {
    var data = loaded["t/" + shardOf(M.terms, term) ];
    return data && Object.prototype.hasOwnProperty.call(data, term) ? data[term] : null;
  }

  function lexiconRange(prefix) {
    var ids = shardsOfPrefix(M.lexicon, prefix);
    return Promise.all(ids.map(function (i) { return load("l/" + i, M.version); }))
      .then(function (shards) {
        var words = [];
        shards.forEach(function (shard) {
          Object.keys(shard).forEach(function (w) {
            if (w.lastIndexOf(prefix, 0) === 0) words.push([w, shard[w][0], shard[w][1] || w]);
          });
        });
        return words;
      });
  }

  function decodePostings(text) {
    var out = new Map(), n = 0, doc = -1, delta = true;
    for (var i = 0; i < text.length; i++) {
      var v = ALPHABET.indexOf(text.charAt(i));
      if (v >= 32) {
        n = n * 32 + (v - 32);
        if (delta) doc += n + 1; else out.set(doc, n);
        delta = !delta;
        n = 0;
      } else {
        n = n * 32 + v;
      }
    }
    return out;
  }

  // --- analysis: the CLI's, from indexer.search.textnorm -----------------------------------

  var A = null, TOKEN_RE, CJK_RE, CJK_RUN_RE, WORD_CHAR, DIGIT = /\p{Nd}/u, PREFIX_RE, ISE_RE;

  function initAnalysis(t) {
    var cjk = t.cjk;
    var w = "(?:(?![" + cjk + "])[\\p{L}\\p{N}_])";
    TOKEN_RE = new RegExp("(?<cjk>[" + cjk + "]+)" +
      "|(?<sym>[A-Za-z0-9](?:" + w + "|\\.)*(?:/(?:" + w + "|[.()])*" + w + "\\)?)+)" +
      "|(?<word>" + w + "+(?:['\u2019.]" + w + "+)*)", "gu");
    WORD_CHAR = w;
    CJK_RE = new RegExp("[" + cjk + "]", "u");
    CJK_RUN_RE = new RegExp("[" + cjk + "]+", "gu");
    var prefixes = Object.keys(t.ukPrefixes).sort(function (a, b) { return b.length - a.length; });
    PREFIX_RE = new RegExp("^(" + prefixes.join("|") + ")");
    ISE_RE = /^([\p{L}\p{N}_]{3,}?)is(e|ed|es|ing|er|ers|ation|ations|ational)$/u;
    A = {
      stop: new Set(t.stop), ukWords: t.ukWords, ukPrefixes: t.ukPrefixes,
      ise: new Set(t.iseExceptions),
    };
  }

  function tokens(text) {
    var out = [];
    TOKEN_RE.lastIndex = 0;
    var m;
    while ((m = TOKEN_RE.exec(text)) !== null) {
      var g = m.groups, tok = m[0];
      var kind = g.cjk !== undefined ? "cjk" : g.sym !== undefined ? "sym" : "word";
      if (kind === "sym" && !DIGIT.test(tok)) {
        var sub = new RegExp(WORD_CHAR + "+(?:['\u2019]" + WORD_CHAR + "+)*", "gu"), s;
        while ((s = sub.exec(tok)) !== null) out.push(["word", s[0]]);
        continue;
      }
      if (kind === "word" && tok.indexOf(".") >= 0 && !DIGIT.test(tok)) {
        if (!/^(?:[A-Za-z]\.)+[A-Za-z]?$/.test(tok)) {
          var parts = new RegExp(WORD_CHAR + "+", "gu"), p;
          while ((p = parts.exec(tok)) !== null) out.push(["word", p[0]]);
          continue;
        }
        out.push(["word", tok.replace(/\./g, "")]);
        continue;
      }
      if (kind === "sym") {
        tok = tok.replace(/\.+$/, "");
        if (tok.endsWith(")") && tok.indexOf("(") < 0) tok = tok.slice(0, -1);
      }
      out.push([kind, tok]);
    }
    return out;
  }

  function foldAccents(text) {
    if (/^[\x00-\x7f]*$/.test(text)) return text;
    return text.normalize("NFKD").replace(/\p{Mn}/gu, "");
  }

  function usSpelling(word) {
    if (Object.prototype.hasOwnProperty.call(A.ukWords, word)) return A.ukWords[word];
    var m = PREFIX_RE.exec(word);
    if (m) return A.ukPrefixes[m[1]] + word.slice(m[1].length);
    m = ISE_RE.exec(word);
    if (m && !/(wise|cise|uise|oise)$/.test(word) && !A.ise.has(m[1] + "ise")) {
      return m[1] + "iz" + m[2];
    }
    return word;
  }

  function normalizeWord(word) {
    var w = foldAccents(word).toLowerCase().replace(/\u2019/g, "'");
    if (w.endsWith("'s")) w = w.slice(0, -2);
    w = w.replace(/'/g, "");
    if (!w || A.stop.has(w)) return null;
    var ilo = /^c\.?0*(\p{Nd}{1,3})$/u.exec(w);
    if (ilo) return "c" + parseInt(ilo[1], 10);
    return usSpelling(w);
  }

  function wordTerm(word) {
    var w = normalizeWord(word);
    if (w === null) return null;
    if (DIGIT.test(w) || !/^[\x00-\x7f]*$/.test(w)) return w;
    return stem(w);
  }

  function symbolTerm(symbol) {
    return symbol.toLowerCase().replace(/\.+$/, "").split("/")
      .filter(function (p) { return p; }).join("/");
  }

  // Porter, exactly as indexer/search/porter.py (Whoosh's version, quirks included).
  var STEP2 = {
    ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble",
    alli: "al", entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate",
    ator: "ate", alism: "al", iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al",
    iviti: "ive", biliti: "ble", logi: "log",
  };
  var STEP3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "",
    ness: "" };
  var C = "[^aeiouy]+", V = "[aeiou]+";
  var MGR0 = new RegExp("^(" + C + ")?" + V + C);
  var MEQ1 = new RegExp("^(" + C + ")?" + V + C + "(" + V + ")?$");
  var MGR1 = new RegExp("^(" + C + ")?" + V + C + V + C);
  var S_V = new RegExp("^(" + C + ")?[aeiouy]");
  var C_V = new RegExp("^" + C + "[aeiouy][^aeiouwxy]$");
  var ED_ING = /^(.*)(ed|ing)$/, AT_BL_IZ = /^(at|bl|iz)$/, DOUBLE = /^([^aeiouylsz])\1$/;
  var RE2 = new RegExp("^(.+?)(" + Object.keys(STEP2).join("|") + ")$");
  var RE3 = new RegExp("^(.+?)(" + Object.keys(STEP3).join("|") + ")$");
  var RE4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
  var RE4_ION = /^(.+?)(s|t)(ion)$/, RE5 = /^(.+?)e$/;

  function stem(w) {
    if (w.length < 3) return w;
    var firstY = w.charAt(0) === "y", m;
    if (firstY) w = "Y" + w.slice(1);
    if (w.endsWith("s")) {
      if (w.endsWith("sses") || w.endsWith("ies")) w = w.slice(0, -2);
      else if (w.charAt(w.length - 2) !== "s") w = w.slice(0, -1);
    }
    if (w.endsWith("eed")) {
      if (MGR0.test(w.slice(0, -3))) w = w.slice(0, -1);
    } else if ((m = ED_ING.exec(w))) {
      if (S_V.test(m[1])) {
        w = m[1];
        if (AT_BL_IZ.test(w)) w += "e";
        else if (DOUBLE.test(w)) w = w.slice(0, -1);
        else if (C_V.test(w)) w += "e";
      }
    }
    if (w.endsWith("y") && S_V.test(w.slice(0, -1))) w = w.slice(0, -1) + "i";
    if ((m = RE2.exec(w)) && MGR0.test(m[1])) w = m[1] + STEP2[m[2]];
    if ((m = RE3.exec(w)) && MGR0.test(m[1])) w = m[1] + STEP3[m[2]];
    if ((m = RE4.exec(w))) {
      if (MGR1.test(m[1])) w = m[1];
    } else if ((m = RE4_ION.exec(w)) && MGR1.test(m[1] + m[2])) {
      w = m[1] + m[2];
    }
    if ((m = RE5.exec(w))) {
      var base = m[1];
      if (MGR1.test(base) || (MEQ1.test(base) && !C_V.test(base))) w = base;
    }
    if (w.endsWith("ll") && MGR1.test(w)) w = w.slice(0, -1);
    if (firstY) w = "y" + w.slice(1);
    return w;
  }

  // Chinese: jieba's exact cut (no HMM) over the index's vocabulary, then the CLI's query
  // words (textnorm.VocabSegmenter.cut and query_words); or bigrams.
  function bigrams(run) {
    if (run.length < 2) return run ? [run] : [];
    var out = [];
    for (var i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    return out;
  }

  function vocabulary(run) {
    var chars = {};
    for (var i = 0; i < run.length; i++) chars[run.charAt(i)] = true;
    var ids = {};
    Object.keys(chars).forEach(function (c) {
      shardsOfPrefix(M.terms, c).forEach(function (s) { ids[s] = true; });
    });
    return Promise.all(Object.keys(ids).map(function (i) { return load("t/" + i, M.version); }))
      .then(function (shards) {
        var freq = new Map();
        shards.forEach(function (shard) {
          Object.keys(shard).forEach(function (w) {
            var f = shard[w][1];
            if (typeof f !== "number" || !chars[w.charAt(0)]) return;
            freq.set(w, f);
            for (var k = 1; k < w.length; k++) {
              if (!freq.has(w.slice(0, k))) freq.set(w.slice(0, k), 0);
            }
          });
        });
        return freq;
      });
  }

  function cut(run, freq) {
    var n = run.length, logTotal = Math.log(Math.max(M.zhTotal, 1)), dag = [], k, i;
    for (k = 0; k < n; k++) {
      var ends = [], frag = run.charAt(k);
      i = k;
      while (i < n && freq.has(frag)) {
        if (freq.get(frag)) ends.push(i);
        i += 1;
        frag = run.slice(k, i + 1);
      }
      dag.push(ends.length ? ends : [k]);
    }
    var route = new Array(n + 1);
    route[n] = [0, 0];
    for (var idx = n - 1; idx >= 0; idx--) {
      var best = null;
      dag[idx].forEach(function (x) {
        var score = Math.log(freq.get(run.slice(idx, x + 1)) || 1) - logTotal + route[x + 1][0];
        if (!best || score > best[0] || (score === best[0] && x > best[1])) best = [score, x];
      });
      route[idx] = best;
    }
    var out = [];
    for (var x = 0; x < n;) {
      var y = route[x][1] + 1;
      out.push(run.slice(x, y));
      x = y;
    }
    return out;
  }

  function queryWords(run, freq) {
    var out = [];
    cut(run, freq).forEach(function (w) {
      var subs = [];
      if (w.length > 2) {
        for (var i = 0; i + 1 < w.length; i++) {
          if (freq.get(w.slice(i, i + 2))) subs.push(w.slice(i, i + 2));
        }
        var covered = {};
        subs.forEach(function (s) { var j = w.indexOf(s); covered[j] = covered[j + 1] = true; });
        if (Object.keys(covered).length < w.length) subs = [];
      }
      (subs.length ? subs : [w]).forEach(function (s) { if (out.indexOf(s) < 0) out.push(s); });
    });
    return out;
  }

  var ARTICLE_WORDS = { art: 1, arts: 1, article: 1, articles: 1 };

  function bound(q) {
    return q.slice(0, 500).split(/\s+/).filter(Boolean).slice(0, 32).join(" ");
  }

  // The query as groups of terms, all of which must match (analysis.query_groups).
  function queryGroups(q) {
    q = bound(q);
    var groups = [], previous = "", runs = [];
    tokens(q).forEach(function (t) {
      var kind = t[0], raw = t[1];
      if (kind === "word") {
        var low = raw.toLowerCase();
        if (ARTICLE_WORDS[previous] && /^\d{1,4}[a-z]?$/.test(low)) {
          var last = groups[groups.length - 1];
          groups[groups.length - 1] = { kind: "art", terms: ["art:" + low],
            raw: last.raw + " " + raw };
          previous = "";
          return;
        }
        previous = low;
        var term = wordTerm(raw);
        if (term !== null) {
          groups.push({ kind: "word", terms: [term], raw: raw, word: normalizeWord(raw) });
        }
      } else if (kind === "sym") {
        previous = "";
        groups.push({ kind: "sym", terms: [symbolTerm(raw)], raw: raw });
      } else {
        previous = "";
        groups.push({ kind: "cjk", terms: [], raw: raw });
        runs.push(raw);
      }
    });
    var cjkDone = Promise.all(runs.map(function (run) {
      if (M.cjkMode === "bigram") return Promise.resolve(bigrams(run));
      return vocabulary(run).then(function (freq) { return queryWords(run, freq); });
    }));
    return cjkDone.then(function (cuts) {
      var out = [], r = 0;
      groups.forEach(function (g) {
        if (g.kind !== "cjk") { out.push(g); return; }
        cuts[r++].forEach(function (w) {
          if (!out.some(function (o) { return o.kind === "cjk" && o.terms[0] === w; })) {
            out.push({ kind: "cjk", terms: [w], raw: g.raw });
          }
        });
      });
      return out;
    });
  }

  // --- typos and the word being typed -------------------------------------------------------

  // Optimal string alignment distance (a swap of two letters counts one), or limit + 1.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var d = [], i, j;
    for (i = 0; i <= a.length; i++) { d.push([i]); }
    for (j = 1; j <= b.length; j++) d[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var rowMin = Infinity;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) &&
            a.charAt(i - 2) === b.charAt(j - 1)) v = Math.min(v, d[i - 2][j - 2] + 1);
        d[i][j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > limit) return limit + 1;
    }
    return d[a.length][b.length];
  }

  // Whether the index has this very word form in a practitioner's page (contributors'
  // pages give no word forms: a misspelling they quote is still corrected).
  function knows(entry, word) {
    if (!entry || typeof entry[1] !== "string") return false;
    return (" " + entry[1] + " ").indexOf(" " + word + " ") >= 0;
  }

  // Alternatives for a word the index does not know: completions of the word being typed
  // (the last one, with no space after it) and corrections within one or two edits. Each is
  // weighed by how common its word is, against the word forms of the term as typed: a rare
  // stem that an unseen form happens to fall on ("trafficing" -> traffic) does not outweigh
  // the common word that was meant ("trafficking").
  function alternatives(group, typing, own) {
    var word = group.word;
    if (!word || !/^[a-z]{3,}$/.test(word)) return Promise.resolve([]);
    return lexiconRange(word.charAt(0)).then(function (words) {
      var found = [];
      if (typing) {
        words.filter(function (w) { return w[0] !== word && w[0].lastIndexOf(word, 0) === 0; })
          .sort(function (a, b) { return b[1] - a[1]; }).slice(0, 5)
          .forEach(function (w) { found.push({ term: w[2], word: w[0], count: w[1] }); });
      }
      if (word.length >= 4) {
        var limit = word.length < 6 ? 1 : 2;
        words.map(function (w) { return [distance(word, w[0], limit), w]; })
          .filter(function (x) { return x[0] <= limit && x[1][0] !== word; })
          .sort(function (a, b) { return a[0] - b[0] || b[1][1] - a[1][1]; }).slice(0, 3)
          .forEach(function (x) {
            found.push({ term: x[1][2], word: x[1][0], count: x[1][1], edits: x[0] });
          });
      }
      var forms = own && typeof own[1] === "string" ? own[1].split(" ") : [];
      var ownCount = 0;
      words.forEach(function (w) { if (forms.indexOf(w[0]) >= 0) ownCount += w[1]; });
      var top = found.reduce(function (m, a) { return Math.max(m, a.count); }, ownCount) || 1;
      found.forEach(function (a) { a.weight = Math.max(0.3, a.count / top) * (a.edits ? 1 : 0.9); });
      return { alts: found, own: own ? Math.max(0.3, ownCount / top) : 0 };
    });
  }

  // --- searching ---------------------------------------------------------------------------

  function nameKey(q, corrected) {
    var parts = [];
    tokens(bound(q)).forEach(function (t) {
      if (t[0] === "word") {
        var term = wordTerm(t[1]);
        if (term !== null) parts.push(corrected[t[1]] || term);
      } else if (t[0] === "sym") parts.push(symbolTerm(t[1]));
      else parts.push(t[1]);
    });
    return parts.length ? "=" + parts.join("_") : "";
  }

  /* Search: resolves to {groups, hits: [{doc, score, matched}], full, corrected, pinned}. */
  function search(q, typing) {
    return manifest().then(function () { return queryGroups(q); }).then(function (groups) {
      if (!groups.length) return { groups: groups, hits: [], full: 0, corrected: null };
      var keys = [];
      groups.forEach(function (g) { keys = keys.concat(g.terms); });
      return termShards(keys).then(function () {
        var lastWord = groups[groups.length - 1];
        return Promise.all(groups.map(function (g) {
          g.alts = g.terms.map(function (t) { return { term: t, weight: 1 }; })
            .filter(function (a) { return entryOf(a.term); });
          var own = entryOf(g.terms[0]);
          if (g.kind !== "word" || knows(own, g.word)) return null;
          return alternatives(g, typing && g === lastWord, own).then(function (found) {
            if (!found.alts) return;
            g.alts.forEach(function (a) { a.weight = found.own; });
            g.ownWeight = g.alts.length ? found.own : 0;
            g.alts = g.alts.concat(found.alts);
            g.changed = found.alts.length > 0;
          });
        }));
      }).then(function () {
        var corrected = {}, changed = false, extra = [];
        groups.forEach(function (g) {
          g.alts.forEach(function (a) { extra.push(a.term); });
          if (g.changed) {
            var best = g.alts.filter(function (a) { return a.word; })
              .sort(function (a, b) { return b.weight - a.weight; })[0];
            if (best && best.weight > (g.ownWeight || 0)) {
              corrected[g.raw] = best.term;
              g.shown = best.word;
              changed = true;
            }
          }
        });
        var key = nameKey(q, corrected);
        return termShards(extra.concat(key ? [key] : [])).then(function () {
          return rank(groups, key, changed ? groups.map(function (g) {
            return g.shown || g.raw;
          }).join(" ") : null);
        });
      });
    });
  }

  function rank(groups, key, corrected) {
    var scores = new Map(), matched = new Map();
    groups.forEach(function (g) {
      var best = new Map();
      g.alts.forEach(function (a) {
        var entry = entryOf(a.term);
        if (!entry) return;
        decodePostings(entry[0]).forEach(function (score, doc) {
          var s = score * a.weight;
          if (!best.has(doc) || best.get(doc) < s) best.set(doc, s);
        });
      });
      best.forEach(function (s, doc) {
        scores.set(doc, (scores.get(doc) || 0) + s);
        matched.set(doc, (matched.get(doc) || 0) + 1);
      });
    });
    var pinned = new Set();
    var pins = key && entryOf(key);
    if (pins) decodePostings(pins[0]).forEach(function (_, doc) { pinned.add(doc); });
    var n = groups.length, hits = [], full = 0;
    scores.forEach(function (score, doc) {
      var m = matched.get(doc);
      if (m === n) full++;
      hits.push({ doc: doc, score: score + (pinned.has(doc) ? NAME_PIN : 0), matched: m });
    });
    if (full >= 3) hits = hits.filter(function (h) { return h.matched === n; });
    var contributing = M.firstContributing;
    hits.sort(function (a, b) {
      return ((a.doc >= contributing) - (b.doc >= contributing)) ||
        (b.matched - a.matched) || (b.score - a.score) || (a.doc - b.doc);
    });
    return { groups: groups, hits: hits, full: full, corrected: corrected };
  }

  function documents(docs) {
    var per = M.docsPerShard, ids = {};
    docs.forEach(function (d) { ids[Math.floor(d / per)] = true; });
    return Promise.all(Object.keys(ids).map(function (i) { return load("d/" + i, M.version); }))
      .then(function () {
        return docs.map(function (d) {
          var row = loaded["d/" + Math.floor(d / per)][d % per];
          return { doc: d, url: row[0], title: row[1], subtitle: row[2], excerpt: row[3],
            kind: M.kinds[row[4]], type: row[5], region: row[6], scope: row[7],
            pillars: row[8] };
        });
      });
  }

  var FACETS = ["type", "region", "pillar", "scope"];

  function facetValue(facets, name, doc) {
    return ALPHABET.indexOf(facets[name].charAt(doc));
  }

  function passes(facets, filters, doc, except) {
    return FACETS.every(function (name) {
      var want = filters[name];
      if (!want || name === except) return true;
      var i = M.facets[name].indexOf(want);
      var v = facetValue(facets, name, doc);
      return name === "pillar" ? (i >= 0 && (v >> i) & 1) : v === i;
    });
  }

  // --- the search box -------------------------------------------------------------------------

  var LABELS = {
    kind: { entry: "Entry", paragraph: "Resolution text", page: "Page",
      contributing: "For contributors" },
    scope: { cited: "Cited in 2010", later: "Since 2010", context: "Context" },
  };
  // The words of the edition the page belongs to: the box's data-words attribute, written by
  // the tipkb plugin from indexer/site/i18n.py (JSON, as text: no script of its own). The
  // English ones here stand where it says nothing.
  var WORDS = {
    idle: "Type to search entries and the resolution", unavailable: "Search is not available: ",
    none: "No result for \u201c{q}\u201d", count: ["{n} result", "{n} results"],
    corrected: " for \u201c{q}\u201d", someFull: " (some with every word)",
    noneFull: " (none with every word)", subtitleLang: "zh", values: {},
  };

  function readWords(root) {
    var given = {};
    try { given = JSON.parse(root.getAttribute("data-words") || "{}") || {}; } catch (e) { given = {}; }
    Object.keys(given).forEach(function (k) {
      if (k === "kind" || k === "scope") {
        Object.keys(given[k] || {}).forEach(function (v) { LABELS[k][v] = String(given[k][v]); });
      } else if (k in WORDS) {
        WORDS[k] = given[k];
      }
    });
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) {
      return k in values ? String(values[k]) : m;
    });
  }

  // A facet value as the reader reads it: the edition's label where it has one.
  function label(value, facet) {
    var named = WORDS.values && WORDS.values[facet] && WORDS.values[facet][value];
    if (named) return String(named);
    var s = String(value).replace(/-/g, " ");
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  // The text with the words that match the query marked, built as text nodes.
  function marked(text, terms, zh) {
    var spans = [], re = new RegExp(WORD_CHAR + "+", "gu"), m;
    while ((m = re.exec(text)) !== null) {
      if (!CJK_RE.test(m[0]) && terms.has(wordTerm(m[0]) || "")) {
        spans.push([m.index, m.index + m[0].length]);
      }
    }
    zh.forEach(function (w) {
      for (var i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + w.length)) {
        spans.push([i, i + w.length]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var frag = document.createDocumentFragment(), pos = 0;
    spans.forEach(function (span) {
      var s = Math.max(span[0], pos);
      if (span[1] <= s) return;
      if (s > pos) frag.appendChild(document.createTextNode(text.slice(pos, s)));
      frag.appendChild(el("mark", {}, text.slice(s, span[1])));
      pos = span[1];
    });
    if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
    return frag;
  }

  function SearchBox(root) {
    this.root = root;
    this.input = root.querySelector(".md-search__input");
    this.list = root.querySelector(".md-search-result__list");
    this.status = root.querySelector(".md-search-result__meta");
    this.more = root.querySelector(".tipkb-search__more");
    this.filters = {};
    this.selects = {};
    this.toggle = document.getElementById("__search");
    this.seq = 0;
    this.shown = 0;
    this.result = null;
    this.facets = null;
    var self = this;
    FACETS.forEach(function (name) {
      var select = root.querySelector('select[name="' + name + '"]');
      if (!select) return;
      self.selects[name] = select;
      select.addEventListener("change", function () {
        self.filters[name] = select.value;
        self.run(false);
      });
    });
    this.input.addEventListener("input", function (ev) {
      if (ev.isComposing) return; // an input method is still composing: wait for its end
      self.schedule();
    });
    this.input.addEventListener("compositionend", function () { self.schedule(); });
    this.input.addEventListener("focus", function () { self.open(); });
    this.input.addEventListener("keydown", function (ev) { self.onInputKey(ev); });
    this.list.addEventListener("keydown", function (ev) { self.onResultKey(ev); });
    root.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { ev.preventDefault(); self.close(); }
    });
    var form = root.querySelector("form");
    form.addEventListener("submit", function (ev) { ev.preventDefault(); self.first(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { self.clear(); self.input.focus(); }, 0);
    });
    if (this.more) this.more.addEventListener("click", function () { self.showMore(); });
    if (this.toggle) {
      this.toggle.addEventListener("change", function () {
        if (self.toggle.checked) self.input.focus();
      });
    }
    document.addEventListener("keydown", function (ev) {
      if (ev.metaKey || ev.ctrlKey || ev.altKey) return;
      var t = ev.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (!typing && (ev.key === "/" || ev.key === "s")) {
        ev.preventDefault();
        self.input.focus();
      }
    });
    if (this.input.value) this.schedule();
  }

  SearchBox.prototype.open = function () {
    if (this.toggle && !this.toggle.checked) this.toggle.checked = true;
    manifest().catch(function () {}); // start loading while the reader types
  };

  SearchBox.prototype.close = function () {
    if (this.toggle) this.toggle.checked = false;
    this.input.blur();
  };

  SearchBox.prototype.schedule = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.run(true); }, 60);
  };

  SearchBox.prototype.clear = function () {
    this.seq++;
    this.result = null;
    this.list.textContent = "";
    this.list.removeAttribute("data-query");
    this.status.textContent = WORDS.idle;
    if (this.more) this.more.hidden = true;
  };

  SearchBox.prototype.run = function (typing) {
    var self = this, q = this.input.value, seq = ++this.seq;
    if (!q.trim()) { this.clear(); return; }
    this.root.setAttribute("aria-busy", "true");
    var endsTyping = typing && !/\s$/.test(q);
    var needFacets = FACETS.some(function (f) { return self.filters[f]; });
    search(q, endsTyping).then(function (result) {
      if (seq !== self.seq) return null;
      return (needFacets ? self.loadFacets() : Promise.resolve()).then(function () {
        if (seq !== self.seq) return;
        self.result = result;
        self.visible = needFacets ? result.hits.filter(function (h) {
          return passes(self.facets, self.filters, h.doc);
        }) : result.hits;
        self.list.textContent = "";
        self.shown = 0;
        return self.showMore().then(function () {
          if (seq !== self.seq) return;
          self.announce(q);
          self.list.setAttribute("data-query", q);
          self.loadFacets().then(function () { if (seq === self.seq) self.count(); });
        });
      });
    }).catch(function (err) {
      if (seq !== self.seq) return;
      self.list.textContent = "";
      self.status.textContent = WORDS.unavailable + err.message;
    }).then(function () {
      if (seq === self.seq) self.root.removeAttribute("aria-busy");
    });
  };

  SearchBox.prototype.loadFacets = function () {
    var self = this;
    if (this.facets) return Promise.resolve(this.facets);
    return load("facets", M.version).then(function (f) { self.facets = f; return f; });
  };

  SearchBox.prototype.announce = function (q) {
    var n = this.visible.length, r = this.result, text;
    var count = WORDS.count;
    if (!n) text = fill(WORDS.none, { q: q.trim() });
    else text = fill(typeof count === "string" ? count : count[n === 1 ? 0 : 1], { n: n });
    if (n && r.corrected) text += fill(WORDS.corrected, { q: r.corrected });
    if (n && r.full < Math.min(n, 3) && r.groups.length > 1) {
      text += r.full ? WORDS.someFull : WORDS.noneFull;
    }
    this.status.textContent = text;
  };

  SearchBox.prototype.showMore = function () {
    var self = this, seq = this.seq;
    var page = this.visible.slice(this.shown, this.shown + PAGE_SIZE);
    this.shown += page.length;
    if (this.more) this.more.hidden = this.shown >= this.visible.length;
    var terms = new Set(), zh = [];
    this.result.groups.forEach(function (g) {
      g.alts.forEach(function (a) {
        if (CJK_RE.test(a.term)) zh.push(a.term); else terms.add(a.term);
      });
    });
    return documents(page.map(function (h) { return h.doc; })).then(function (docs) {
      if (seq !== self.seq) return;
      var first = null;
      docs.forEach(function (d) {
        var li = self.item(d, terms, zh);
        if (!first) first = li;
        self.list.appendChild(li);
      });
      return first;
    });
  };

  // A result's address, if it is a page of this site (the index is built from untrusted
  // entries: nothing it holds may point elsewhere or run).
  function siteAddress(url) {
    try {
      var u = new URL(String(url), ROOT);
      return u.href.lastIndexOf(ROOT.href, 0) === 0 ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  SearchBox.prototype.item = function (d, terms, zh) {
    var li = el("li", { class: "md-search-result__item tipkb-search__item" });
    var href = siteAddress(d.url);
    var a = el("a", href ? { class: "md-search-result__link", href: href }
      : { class: "md-search-result__link" });
    if (d.kind === "contributing") li.classList.add("tipkb-search__item--contributing");
    // A card, not an <article> (a link does not take its name from one): named by the
    // title, described by the facts and the Chinese name.
    var art = el("div", { class: "md-search-result__article md-typeset" });
    var id = "tipkb-result-" + d.doc;
    var title = el("div", { class: "tipkb-search__title", id: id + "-title" });
    title.appendChild(marked(d.title, terms, zh));
    art.appendChild(title);
    var facts = [LABELS.kind[d.kind] || label(d.kind)];
    if (d.type) facts.push(label(d.type, "type"));
    if (d.region) facts.push(label(d.region, "region"));
    if (d.scope) facts.push(LABELS.scope[d.scope] || label(d.scope, "scope"));
    art.appendChild(el("div", { class: "tipkb-search__facts", id: id + "-facts" },
      facts.join(" \u00b7 ")));
    var described = [id + "-facts"];
    if (d.subtitle) {
      var sub = el("div", { class: "tipkb-search__zh", lang: WORDS.subtitleLang, id: id + "-zh" });
      sub.appendChild(marked(d.subtitle, terms, zh));
      art.appendChild(sub);
      described.push(id + "-zh");
    }
    if (d.excerpt) {
      var p = el("p", { class: "tipkb-search__excerpt" });
      p.appendChild(marked(d.excerpt, terms, zh));
      art.appendChild(p);
    }
    a.setAttribute("aria-labelledby", id + "-title");
    a.setAttribute("aria-describedby", described.join(" "));
    a.appendChild(art);
    li.appendChild(a);
    return li;
  };

  // Facet counts of the current results, each facet counted with the other filters applied.
  SearchBox.prototype.count = function () {
    var self = this, hits = this.result ? this.result.hits : [];
    FACETS.forEach(function (name) {
      var select = self.selects[name];
      if (!select) return;
      var counts = {};
      hits.forEach(function (h) {
        if (!passes(self.facets, self.filters, h.doc, name)) return;
        var v = facetValue(self.facets, name, h.doc);
        M.facets[name].forEach(function (value, i) {
          if (name === "pillar" ? (v >> i) & 1 : v === i) counts[value] = (counts[value] || 0) + 1;
        });
      });
      Array.prototype.forEach.call(select.options, function (opt) {
        if (!opt.value) return;
        var n = counts[opt.value] || 0;
        opt.textContent = opt.dataset.label + " (" + n + ")";
      });
    });
  };

  SearchBox.prototype.fillFilters = function () {
    var self = this;
    manifest().then(function () {
      FACETS.forEach(function (name) {
        var select = self.selects[name];
        if (!select || select.options.length > 1) return;
        M.facets[name].forEach(function (value) {
          var text = name === "scope" ? LABELS.scope[value] || label(value, name) : label(value, name);
          var opt = el("option", { value: value }, text);
          opt.dataset.label = text;
          select.appendChild(opt);
        });
      });
    }).catch(function () {});
  };

  SearchBox.prototype.links = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll("a.md-search-result__link"));
  };

  SearchBox.prototype.first = function () {
    var links = this.links();
    if (links.length) window.location.href = links[0].href;
  };

  SearchBox.prototype.onInputKey = function (ev) {
    if (ev.key === "ArrowDown") {
      var links = this.links();
      if (links.length) { ev.preventDefault(); links[0].focus(); }
    }
  };

  SearchBox.prototype.onResultKey = function (ev) {
    var links = this.links(), i = links.indexOf(document.activeElement);
    if (i < 0) return;
    if (ev.key === "ArrowDown" && i + 1 < links.length) { ev.preventDefault(); links[i + 1].focus(); }
    if (ev.key === "ArrowUp") { ev.preventDefault(); (i ? links[i - 1] : this.input).focus(); }
  };

  // For tests and the benchmark: the same search, without the page around it.
  window.tipkbSearchQuery = function (q, filters) {
    return search(q, false).then(function (r) {
      var active = filters && FACETS.some(function (f) { return filters[f]; });
      return (active ? load("facets", M.version) : Promise.resolve(null)).then(function (f) {
        var hits = f ? r.hits.filter(function (h) { return passes(f, filters, h.doc); }) : r.hits;
        return documents(hits.slice(0, 10).map(function (h) { return h.doc; }));
      });
    });
  };
  window.tipkbSearchAnalysis = function (words) {
    return manifest().then(function () {
      return words.map(function (w) {
        return tokens(w).map(function (t) {
          return t[0] === "word" ? wordTerm(t[1]) : t[0] === "sym" ? symbolTerm(t[1]) : t[1];
        });
      });
    });
  };
  window.tipkbSearchGroups = function (q) {
    return manifest().then(function () { return queryGroups(q); }).then(function (groups) {
      return groups.map(function (g) { return { kind: g.kind, terms: g.terms }; });
    });
  };

  function start() {
    var root = document.querySelector(".tipkb-search");
    if (!root) return;
    readWords(root);
    var box = new SearchBox(root);
    box.clear();
    box.fillFilters();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
