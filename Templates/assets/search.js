/*
 * Casebook search, in the browser. Plain ES5 (no modules, no fetch, no build step) so that it runs in old
 * browsers too. The index is a set of script files under search/ (see SearchIndex.swift), each calling
 * CasebookSearch.register(id, data); they are loaded with <script src>, so the search works from file://
 * and from any sub-path. The text rules (fold, classify, normalise, tokens) must stay equal to
 * SearchTokenizer.swift and scripts/check_search.py.
 */
(function (window, document) {
  "use strict";

  var BATCH = 10;                 // candidate pages verified at a time
  var SCREEN = 10;                // pages found before the search stops to show them
  var TIME_BUDGET = 2000;         // ms of verifying before it asks the reader (the "more" button)
  var CHUNK_BUDGET = 16;          // text files (about 8 KB each) loaded per request before it asks the reader
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var VALUE = {};
  var i;
  for (i = 0; i < ALPHABET.length; i++) { VALUE[ALPHABET.charAt(i)] = i; }

  if (window.CasebookSearch && window.CasebookSearch.register) { return; }   // included twice
  var registry = {};              // shard id -> data (null when it could not be loaded)
  var pending = {};               // shard id -> callbacks waiting for it
  var chunksLoaded = 0;           // text files (x-*) requested so far
  var siteRoot = findSiteRoot();
  var shardBase = siteRoot + "search/";

  var CasebookSearch = {
    register: function (id, data) {
      registry[id] = data;
      settle(id);
    }
  };
  window.CasebookSearch = CasebookSearch;

  /* ---------- loading shards ---------- */

  function findSiteRoot() {
    var scripts = document.getElementsByTagName("script");
    for (var k = scripts.length - 1; k >= 0; k--) {
      var src = scripts[k].getAttribute("src") || "";
      var at = src.search(/assets\/search\.js(\?.*)?$/);
      if (at >= 0) { return src.substring(0, at); }
    }
    return "";
  }

  function settle(id) {
    var callbacks = pending[id];
    if (!callbacks) { return; }
    delete pending[id];
    for (var k = 0; k < callbacks.length; k++) { callbacks[k](); }
  }

  function loadOne(id, callback) {
    if (registry.hasOwnProperty(id)) { callback(); return; }
    if (pending[id]) { pending[id].push(callback); return; }
    pending[id] = [callback];
    if (id.charAt(0) === "x") { chunksLoaded += 1; }
    var script = document.createElement("script");
    var done = false;
    function finish() {
      if (done) { return; }
      done = true;
      if (!registry.hasOwnProperty(id)) { registry[id] = null; }
      settle(id);
    }
    script.onload = finish;
    script.onerror = finish;
    script.onreadystatechange = function () {
      if (script.readyState === "loaded" || script.readyState === "complete") { finish(); }
    };
    script.src = shardBase + id + ".js";
    (document.getElementsByTagName("head")[0] || document.documentElement).appendChild(script);
  }

  /** Loads every shard in `ids`, then calls `callback`. */
  function load(ids, callback) {
    var left = ids.length;
    if (left === 0) { callback(); return; }
    for (var k = 0; k < ids.length; k++) {
      loadOne(ids[k], function () { left -= 1; if (left === 0) { callback(); } });
    }
  }

  /* ---------- text rules (as in SearchTokenizer.swift) ---------- */

  function isCJK(c) {
    return c === 0x3005 || c === 0x3007 || (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A1 && c <= 0x30FA) ||
      (c >= 0x30FC && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
      (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
  }

  function fromCodePoint(c) {
    if (c < 0x10000) { return String.fromCharCode(c); }
    c -= 0x10000;
    return String.fromCharCode(0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF));
  }

  /** Full-width ASCII to ASCII, U+3000 to space, lower case. Returns a code point. */
  function fold(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) { c -= 0xFEE0; } else if (c === 0x3000) { c = 0x20; }
    if (c < 0x80) { return (c >= 0x41 && c <= 0x5A) ? c + 0x20 : c; }
    if (c < 0x10000 && !isCJK(c)) {
      var lower = String.fromCharCode(c).toLowerCase();
      if (lower.length === 1) { return lower.charCodeAt(0); }
    }
    return c;
  }

  var CJK = 1, DIGIT = 2, LETTER = 3, SEPARATOR = 0;

  function classify(c) {
    if (c < 0x80) {
      if (c >= 0x30 && c <= 0x39) { return DIGIT; }
      if (c >= 0x61 && c <= 0x7A) { return LETTER; }
      return SEPARATOR;
    }
    if (isCJK(c)) { return CJK; }
    if (c < 0x10000) {
      var ch = String.fromCharCode(c);
      if (ch.toLowerCase() !== ch.toUpperCase()) { return LETTER; }
    }
    if (c === 0xAA || c === 0xB2 || c === 0xB3 || c === 0xB5 || c === 0xB9 || c === 0xBA || (c >= 0xBC && c <= 0xBE) ||
        (c >= 0x0300 && c <= 0x036F) || (c >= 0x0590 && c <= 0x05FF && c !== 0x05BE && c !== 0x05C0 && c !== 0x05C3 && c !== 0x05C6) ||
        (c >= 0x0620 && c <= 0x064A) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x0900 && c <= 0x0DFF) ||
        (c >= 0x0E01 && c <= 0x0E3A) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x2070 && c <= 0x2079) ||
        (c >= 0x2080 && c <= 0x2089) || (c >= 0x2150 && c <= 0x218B) || (c >= 0x2460 && c <= 0x249B) ||
        (c >= 0x24EA && c <= 0x24FF) || (c >= 0x3021 && c <= 0x3029) || (c >= 0x3038 && c <= 0x303A) ||
        (c >= 0x3131 && c <= 0x318E) || (c >= 0x3192 && c <= 0x3195) || (c >= 0x3220 && c <= 0x3229) ||
        (c >= 0x3280 && c <= 0x3289)) {
      return LETTER;
    }
    return SEPARATOR;
  }

  /**
   * The normalised text: separators between CJK characters dropped, other separator runs one space.
   * Returns {text, kinds (per character), chars, start[]/end[] (per UTF-16 unit of text: the range in the source)}.
   */
  function normalize(source) {
    var out = [], kinds = [], chars = [], start = [], end = [];
    var pendingSeparator = false, pendingAt = 0, lastKind = -1;
    var k = 0, n = source.length;
    while (k < n) {
      var c = source.charCodeAt(k), width = 1;
      if (c >= 0xD800 && c <= 0xDBFF && k + 1 < n) {
        var d = source.charCodeAt(k + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00); width = 2; }
      }
      var f = fold(c);
      var kind = classify(f);
      if (kind === SEPARATOR) {
        if (!pendingSeparator) { pendingAt = k; }
        pendingSeparator = true;
        k += width;
        continue;
      }
      if (pendingSeparator) {
        pendingSeparator = false;
        if (lastKind !== -1 && !(lastKind === CJK && kind === CJK)) {
          out.push(" "); kinds.push(SEPARATOR); chars.push(" "); start.push(pendingAt); end.push(k);
        }
      }
      var s = fromCodePoint(f);
      out.push(s); kinds.push(kind); chars.push(s);
      for (var u = 0; u < s.length; u++) { start.push(k); end.push(k + width); }
      lastKind = kind;
      k += width;
    }
    return { text: out.join(""), kinds: kinds, chars: chars, start: start, end: end };
  }

  function isDigitAt(text, k) {
    var c = text.charCodeAt(k);
    return c >= 0x30 && c <= 0x39;
  }

  /**
   * Where `needle` (normalised) next occurs in `haystack` from `from`, or -1. A number at either end of
   * the needle matches whole numbers only: `1 1` is not found in `1 10`, nor `999` in `1999`.
   */
  function findWhole(haystack, needle, from) {
    var first = isDigitAt(needle, 0), last = isDigitAt(needle, needle.length - 1);
    var at = haystack.indexOf(needle, from);
    while (at >= 0) {
      if (!(first && at > 0 && isDigitAt(haystack, at - 1)) && !(last && isDigitAt(haystack, at + needle.length))) { return at; }
      at = haystack.indexOf(needle, at + 1);
    }
    return -1;
  }

  /**
   * The tokens a query term is looked up by (SearchTokenizer.queryTokens). `needs`, when given, receives how
   * often each token occurs in the term: a block holding the term holds each token at least that often.
   */
  function queryTokens(normalized, needs) {
    var kinds = normalized.kinds, chars = normalized.chars, result = [], seen = {};
    function add(t) {
      if (needs) { needs[t] = (needs.hasOwnProperty(t) ? needs[t] : 0) + 1; }
      if (!seen.hasOwnProperty(t)) { seen[t] = true; result.push(t); }
    }
    var a = 0;
    while (a < kinds.length) {
      var kind = kinds[a], b = a + 1;
      while (b < kinds.length && kinds[b] === kind) { b++; }
      if (kind === CJK) {
        if (b - a === 1) { add(chars[a]); }
        for (var k = a; k + 1 < b; k++) { add(chars[k] + chars[k + 1]); }
      } else if (kind === LETTER || kind === DIGIT) {
        add(chars.slice(a, b).join(""));
      }
      a = b;
    }
    return result;
  }

  /** FNV-1a over UTF-16 code units, 32 bits, without Math.imul. */
  function hash(token) {
    var h = 0x811C9DC5;
    for (var k = 0; k < token.length; k++) {
      h = (h ^ token.charCodeAt(k)) >>> 0;
      h = (((h << 24) >>> 0) + h * 403) % 4294967296;
    }
    return h >>> 0;
  }

  /* ---------- decoding postings ---------- */

  function varints(s, from) {
    var out = [], value = 0, shift = 0;
    for (var k = from || 0; k < s.length; k++) {
      var v = VALUE[s.charAt(k)];
      value += (v & 31) * Math.pow(2, shift);
      if (v & 32) { shift += 5; } else { out.push(value); value = 0; shift = 0; }
    }
    return out;
  }

  function gaps(s) {
    var values = varints(s), previous = -1;
    for (var k = 0; k < values.length; k++) { previous += values[k] + 1; values[k] = previous; }
    return values;
  }

  function ids(s) {
    if (s.charAt(0) !== "~") { return gaps(s); }
    var k = 1, first = 0, shift = 0, v;
    do { v = VALUE[s.charAt(k)]; first += (v & 31) * Math.pow(2, shift); shift += 5; k++; } while (v & 32);
    var out = [];
    for (var base = first; k < s.length; k++, base += 6) {
      v = VALUE[s.charAt(k)];
      for (var bit = 0; bit < 6; bit++) { if (v & (1 << bit)) { out.push(base + bit); } }
    }
    return out;
  }

  function decodePostings(entry) {
    var list = ids(entry[1]), counts = null, flagged = {}, k;
    if (entry[2]) {
      counts = [];
      for (k = 0; k < entry[2].length; k++) { counts.push(VALUE[entry[2].charAt(k)] + 1); }
    }
    var f = gaps(entry[3]);
    for (k = 0; k < f.length; k++) { flagged[f[k]] = true; }
    return { ids: list, counts: counts, flagged: flagged };
  }

  /* ---------- the search ---------- */

  /** Shard number of each heavy token: the manifest lists them in shard order, smallest shard first. */
  function heavyShards(manifest) {
    var map = {}, list = manifest.heavy ? manifest.heavy.split(" ") : [];
    for (var k = 0; k < list.length; k++) { map[list[k]] = k; }
    return map;
  }

  function shardOf(search, token) {
    if (search.heavy.hasOwnProperty(token)) { return "h-" + search.heavy[token].toString(36); }
    return "p-" + (hash(token) % search.manifest.buckets).toString(16);
  }

  /**
   * The tokens a term is looked up by. Every block that contains the term has all of its tokens, so any
   * of them gives a superset of the term's blocks, which the text check then makes exact. Light tokens
   * (in shared buckets) are rare: up to three of them, spread over the term. When all are heavy, the one
   * with the smallest shard. A common phrase thus loads one small shard, not one large shard per bigram.
   */
  function lookupTokens(search, tokens) {
    var light = [], rarest = null, k;
    for (k = 0; k < tokens.length; k++) {
      if (!search.heavy.hasOwnProperty(tokens[k])) { light.push(tokens[k]); }
      else if (rarest === null || search.heavy[tokens[k]] < search.heavy[rarest]) { rarest = tokens[k]; }
    }
    if (light.length === 0) { return [rarest]; }
    if (light.length <= 3) { return light; }
    return [light[0], light[Math.floor(light.length / 2)], light[light.length - 1]];
  }

  function parseQuery(query) {
    var words = query.split(/[\s\u3000]+/), terms = [], seen = {};
    for (var k = 0; k < words.length; k++) {
      var normalized = normalize(words[k]);
      if (!normalized.text || seen.hasOwnProperty(normalized.text)) { continue; }
      var needs = {}, tokens = queryTokens(normalized, needs);
      if (tokens.length === 0) { continue; }
      seen[normalized.text] = true;
      terms.push({ text: normalized.text, tokens: tokens, needs: needs });
    }
    return terms;
  }

  function Search(manifest, terms) {
    this.manifest = manifest;
    this.terms = terms;
    this.heavy = heavyShards(manifest);
    for (var t = 0; t < terms.length; t++) { terms[t].lookup = lookupTokens(this, terms[t].tokens); }
    var starts = [], counts = varints(manifest.pageBlocks), at = 0;
    for (var k = 0; k < counts.length; k++) { starts.push(at); at += counts[k]; }
    this.pageStarts = starts;
  }

  Search.prototype.pageOf = function (block) {
    var lo = 0, hi = this.pageStarts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.pageStarts[mid] <= block) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  };

  Search.prototype.shards = function () {
    var list = [], seen = {};
    for (var t = 0; t < this.terms.length; t++) {
      for (var k = 0; k < this.terms[t].lookup.length; k++) {
        var id = shardOf(this, this.terms[t].lookup[k]);
        if (!seen.hasOwnProperty(id)) { seen[id] = true; list.push(id); }
      }
    }
    return list;
  };

  /** Candidate pages from the postings alone, best first (title/heading hits, then weighted frequency). */
  Search.prototype.candidates = function () {
    var pages = {}, order = [], t, k, termCount = this.terms.length;
    var pageCount = this.manifest.pages;
    var perTerm = [];
    for (t = 0; t < termCount; t++) {
      var lists = [];
      for (k = 0; k < this.terms[t].lookup.length; k++) {
        var token = this.terms[t].lookup[k];
        var shard = registry[shardOf(this, token)];
        if (!shard || !shard.hasOwnProperty(token)) { return []; }
        var list = decodePostings(shard[token]), df = shard[token][0];
        // Counts are left out when all are 1 or the token is very common (SearchIndex.keepsCounts).
        list.need = (list.counts || df <= 4096 || df * 8 <= this.manifest.blocks) ? Math.min(64, this.terms[t].needs[token]) : 1;
        lists.push(list);
      }
      lists.sort(function (a, b) { return a.ids.length - b.ids.length; });
      // Intersect: walk the shortest list, look the others up by a moving pointer.
      var pointers = [], hits = [];
      for (k = 0; k < lists.length; k++) { pointers.push(0); }
      var shortest = lists[0];
      for (var j = 0; j < shortest.ids.length; j++) {
        var id = shortest.ids[j], tf = shortest.counts ? shortest.counts[j] : 1, flag = !!shortest.flagged[id];
        var ok = tf >= shortest.need;
        for (k = 1; k < lists.length && ok; k++) {
          var l = lists[k], p = pointers[k];
          while (p < l.ids.length && l.ids[p] < id) { p++; }
          pointers[k] = p;
          if (p >= l.ids.length || l.ids[p] !== id) { ok = false; break; }
          var count = l.counts ? l.counts[p] : 1;
          if (count < l.need) { ok = false; break; }
          if (count < tf) { tf = count; }
          if (!l.flagged[id]) { flag = false; }
        }
        if (ok) { hits.push({ id: id, tf: tf, flag: flag }); }
      }
      perTerm.push(hits);
    }
    for (t = 0; t < termCount; t++) {
      var hitsOfTerm = perTerm[t], pagesOfTerm = 0, last = -1;
      for (k = 0; k < hitsOfTerm.length; k++) {
        var hit = hitsOfTerm[k], page = this.pageOf(hit.id);
        if (page !== last) { pagesOfTerm++; last = page; }
        var entry = pages[page];
        if (!entry) {
          if (t > 0) { continue; }
          entry = pages[page] = { page: page, terms: [], score: 0 };
          order.push(entry);
        }
        var slot = entry.terms[t];
        if (!slot) { slot = entry.terms[t] = { blocks: [], tf: 0, flag: false }; }
        slot.blocks.push(hit);
        slot.tf += hit.tf;
        if (hit.flag) { slot.flag = true; }
      }
      this.terms[t].idf = Math.log(1 + pageCount / Math.max(1, pagesOfTerm));
    }
    var result = [];
    for (k = 0; k < order.length; k++) {
      var candidate = order[k], complete = true, score = 0;
      for (t = 0; t < termCount; t++) {
        var s = candidate.terms[t];
        if (!s) { complete = false; break; }
        score += (s.flag ? 1000 : 0) + this.terms[t].idf * Math.log(1 + s.tf);
        s.blocks.sort(function (a, b) { return (b.flag - a.flag) || (b.tf - a.tf) || (a.id - b.id); });
      }
      if (complete) { candidate.score = score; result.push(candidate); }
    }
    result.sort(function (a, b) { return (b.score - a.score) || (a.page - b.page); });
    return result;
  };

  /** The block to check first: the best one that may hold every term (one text to load), else the first term's best. */
  function firstBlock(candidate) {
    var blocks = candidate.terms[0].blocks;
    for (var k = 0; k < blocks.length; k++) {
      var everywhere = true;
      for (var t = 1; t < candidate.terms.length && everywhere; t++) {
        var others = candidate.terms[t].blocks, found = false;
        for (var j = 0; j < others.length && !found; j++) { found = others[j].id === blocks[k].id; }
        everywhere = found;
      }
      if (everywhere) { return blocks[k].id; }
    }
    return null;
  }

  Search.prototype.record = function (block) {
    var chunk = this.manifest.chunk;
    var data = registry["x-" + Math.floor(block / chunk).toString(36)];
    return data ? data[block % chunk] : null;
  };

  function chunkIds(search, blocks) {
    var list = [], seen = {};
    for (var k = 0; k < blocks.length; k++) {
      var id = "x-" + Math.floor(blocks[k] / search.manifest.chunk).toString(36);
      if (!seen.hasOwnProperty(id)) { seen[id] = true; list.push(id); }
    }
    return list;
  }

  function countIn(haystack, needle) {
    var count = 0, at = findWhole(haystack, needle, 0);
    while (at >= 0) { count++; at = findWhole(haystack, needle, at + needle.length); }
    return count;
  }

  /** How a term occurs in a block: 0 when it does not; the block record's normalised fields are cached. */
  Search.prototype.match = function (candidate, block, term) {
    var record = this.record(block);
    if (!record) { return null; }
    if (!record.normalized) {
      record.normalized = {
        title: block === this.pageStarts[candidate.page] ? normalize(record[0]).text : "",
        heading: record[2] ? normalize(record[2]).text : "",
        text: normalize(record[3])
      };
    }
    var n = record.normalized;
    var inTitle = findWhole(n.title, term.text, 0) >= 0, inHeading = findWhole(n.heading, term.text, 0) >= 0;
    var count = countIn(n.text.text, term.text);
    if (!inTitle && !inHeading && count === 0) { return null; }
    return { block: block, title: inTitle, heading: inHeading, count: count };
  };

  /**
   * Verifies `batch` (candidate pages) against the block texts: first the best block of each term, then,
   * where that fails, the term's other blocks in the page. Calls back with the pages that match every term.
   */
  Search.prototype.verify = function (batch, callback) {
    var self = this, first = [], k, t;
    function firstOf(candidate, term) {
      if (candidate.first === undefined) { candidate.first = firstBlock(candidate); }
      return candidate.first !== null ? candidate.first : candidate.terms[term].blocks[0].id;
    }
    for (k = 0; k < batch.length; k++) {
      for (t = 0; t < self.terms.length; t++) { first.push(firstOf(batch[k], t)); }
    }
    function check(allBlocks) {
      var missing = [];
      for (var a = 0; a < batch.length; a++) {
        var candidate = batch[a];
        if (!candidate.found) { candidate.found = []; }
        for (var b = 0; b < self.terms.length; b++) {
          if (candidate.found[b]) { continue; }
          var blocks = candidate.terms[b].blocks, ids = [], c;
          if (allBlocks) { for (c = 0; c < blocks.length; c++) { ids.push(blocks[c].id); } } else { ids.push(firstOf(candidate, b)); }
          for (c = 0; c < ids.length; c++) {
            var m = self.match(candidate, ids[c], self.terms[b]);
            if (m) {
              if (!candidate.found[b]) { candidate.found[b] = []; }
              candidate.found[b].push(m);
            }
          }
          if (!candidate.found[b] && !allBlocks) {
            for (c = 0; c < blocks.length; c++) { if (blocks[c].id !== ids[0]) { missing.push(blocks[c].id); } }
          }
        }
      }
      return missing;
    }
    load(chunkIds(self, first), function () {
      var missing = check(false);
      load(chunkIds(self, missing), function () {
        if (missing.length) { check(true); }
        var verified = [];
        for (var a = 0; a < batch.length; a++) {
          var ok = true;
          for (var b = 0; b < self.terms.length; b++) { if (!batch[a].found[b]) { ok = false; } }
          if (ok) { verified.push(batch[a]); }
        }
        callback(verified);
      });
    });
  };

  /** Title hits first, then heading hits, then how often the terms occur. */
  function rank(results) {
    var k;
    for (k = 0; k < results.length; k++) {
      var r = results[k], title = 0, heading = 0, count = 0, best = null;
      for (var t = 0; t < r.found.length; t++) {
        var found = r.found[t], termTitle = false, termHeading = false;
        for (var j = 0; j < found.length; j++) {
          var m = found[j];
          if (m.title) { termTitle = true; }
          if (m.heading) { termHeading = true; }
          count += m.count;
          var weight = (m.heading ? 1000 : 0) + m.count;
          if (!best || weight > best.weight) { best = { block: m.block, weight: weight, heading: m.heading }; }
        }
        if (termTitle) { title++; }
        if (termHeading) { heading++; }
      }
      r.rank = [title, heading, count];
      r.best = best.block;
    }
    results.sort(function (a, b) {
      for (var x = 0; x < 3; x++) { if (a.rank[x] !== b.rank[x]) { return b.rank[x] - a.rank[x]; } }
      return b.score - a.score || a.page - b.page;
    });
    return results;
  }

  /* ---------- showing results (DOM text nodes only, never innerHTML) ---------- */

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) { node.className = className; }
    if (text) { node.appendChild(document.createTextNode(text)); }
    return node;
  }

  function flatten(text) { return text.replace(/\s+/g, " "); }

  /** A stretch of `source` around the first match, with every term marked. */
  function snippet(source, terms, length) {
    length = length || 120;
    var normalized = normalize(source), ranges = [], k;
    for (k = 0; k < terms.length; k++) {
      var needle = terms[k].text, at = needle ? findWhole(normalized.text, needle, 0) : -1;
      while (at >= 0) {
        ranges.push([normalized.start[at], normalized.end[at + needle.length - 1]]);
        at = findWhole(normalized.text, needle, at + needle.length);
      }
    }
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var from = 0, to = Math.min(source.length, length);
    if (ranges.length && ranges[0][1] > length) {
      from = Math.max(0, ranges[0][0] - 30);
      to = Math.min(source.length, Math.max(ranges[0][1], from + length));
    }
    var p = element("p", "search-snippet");
    if (from > 0) { p.appendChild(document.createTextNode("…")); }
    var at2 = from;
    for (k = 0; k < ranges.length; k++) {
      var a = Math.max(ranges[k][0], at2), b = Math.min(ranges[k][1], to);
      if (b <= a) { continue; }
      if (a > at2) { p.appendChild(document.createTextNode(flatten(source.substring(at2, a)))); }
      p.appendChild(element("mark", null, flatten(source.substring(a, b))));
      at2 = b;
    }
    if (at2 < to) { p.appendChild(document.createTextNode(flatten(source.substring(at2, to)))); }
    if (to < source.length) { p.appendChild(document.createTextNode("…")); }
    return p;
  }

  function markTitle(text, terms) {
    var fragment = snippet(text, terms, 1000), span = element("span", "search-title");
    while (fragment.firstChild) { span.appendChild(fragment.firstChild); }
    return span;
  }

  function showResult(list, search, result) {
    var record = search.record(result.best);
    var top = search.record(search.pageStarts[result.page]) || record;
    var item = element("li", "search-result");
    var link = element("a");
    link.href = siteRoot + record[1];
    link.appendChild(markTitle(record[0], search.terms));
    if (record[2]) {
      link.appendChild(document.createTextNode(" › "));
      var heading = markTitle(record[2], search.terms);
      heading.className = "search-heading";
      link.appendChild(heading);
    }
    item.appendChild(link);
    item.appendChild(snippet(record[3] || (top && top[3]) || "", search.terms));
    list.appendChild(item);
  }

  /* ---------- the search page ---------- */

  function parameter(name) {
    var pairs = (window.location.search || "").replace(/^\?/, "").split("&");
    for (var k = 0; k < pairs.length; k++) {
      var eq = pairs[k].indexOf("=");
      var key = eq >= 0 ? pairs[k].substring(0, eq) : pairs[k];
      if (key === name) {
        try { return decodeURIComponent(pairs[k].substring(eq + 1).replace(/\+/g, " ")); } catch (e) { return null; }
      }
    }
    return null;
  }

  function setText(node, text) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
    node.appendChild(document.createTextNode(text));
  }

  function start() {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var more = document.getElementById("search-more");
    if (!list || !status) { return; }
    var query = parameter("q") || "";
    var all = parameter("all") === "1";
    var inputs = [document.getElementById("search-q"), document.getElementById("site-search-q")];
    for (var k = 0; k < inputs.length; k++) { if (inputs[k] && query) { inputs[k].value = query; } }
    var terms = parseQuery(query);
    if (!terms.length) {
      setText(status, query ? "请输入要查找的字词。" : "请在上面输入要查找的字词。");
      return;
    }
    if (document.title) { document.title = query + " · " + document.title; }
    setText(status, "正在搜索…");
    load(["manifest"], function () {
      var manifest = registry.manifest;
      if (!manifest) { setText(status, "无法读取搜索索引。"); return; }
      var search = new Search(manifest, terms);
      load(search.shards(), function () {
        // Candidates come best first (a title or heading that holds every term first), so exact title
        // matches are verified first whatever their page order. Verifying goes on, a batch at a time, until
        // a screenful of pages is found, or the time or text budget of this request is spent; then the
        // reader may ask for more.
        var candidates = search.candidates(), next = 0, found = [], foundHere = 0, began = 0, chunksAtStart = 0;
        function step() {
          var size = all ? candidates.length : BATCH;
          var batch = candidates.slice(next, next + size);
          next += batch.length;
          search.verify(batch, function (verified) {
            found = rank(found.concat(verified));
            foundHere += verified.length;
            var spent = new Date().getTime() - began >= TIME_BUDGET || chunksLoaded - chunksAtStart >= CHUNK_BUDGET;
            if (next < candidates.length && !all && foundHere < SCREEN && !spent) { step(); return; }
            // Every page found so far, in rank order: a title match found later goes above the others.
            while (list.firstChild) { list.removeChild(list.firstChild); }
            for (var j = 0; j < found.length; j++) { showResult(list, search, found[j]); }
            var rest = candidates.length - next;
            if (rest > 0) {
              setText(status, found.length > 0 ? "找到 " + found.length + " 个页面，还有更多。" : "暂未找到，还有更多。");
            } else if (found.length > 0) {
              setText(status, "找到 " + found.length + " 个页面。");
            } else {
              setText(status, "没有找到包含“" + query + "”的页面。");
            }
            if (more) { more.style.display = rest > 0 ? "" : "none"; }
          });
        }
        function request() {
          foundHere = 0;
          began = new Date().getTime();
          chunksAtStart = chunksLoaded;
          step();
        }
        if (more) {
          more.onclick = function () { more.style.display = "none"; setText(status, "正在搜索…"); request(); };
        }
        if (!candidates.length) { setText(status, "没有找到包含“" + query + "”的页面。"); return; }
        request();
      });
    });
  }

  CasebookSearch.normalize = function (text) { return normalize(text).text; };
  CasebookSearch.queryTokens = function (text) { return queryTokens(normalize(text)); };
  CasebookSearch.hash = hash;

  if (document.readyState === "loading") {
    if (document.addEventListener) {
      document.addEventListener("DOMContentLoaded", start, false);
    } else {
      window.attachEvent("onload", start);
    }
  } else {
    start();
  }
}(window, document));
