/*
 * Search normalisation for the SNIA site (French and Arabic), loaded by
 * Material's search worker in place of lunr-languages' lunr.fr / lunr.ar.
 * Its Python twin is src/snia/textnorm.py; tests/search_forms.json holds the
 * cases both must agree on (tests/test_search_forms.py runs both).
 *
 * The same folding runs when the index is built (pipeline) and on each query
 * (Material adds a trailing "*" to query terms, which makes lunr skip its
 * query pipeline, so Index#search is wrapped to fold the query string).
 *
 * - case and accents: "Coopération" and "cooperation" are one word;
 * - Arabic: diacritics and tatweel removed; أ إ آ ٱ -> ا; ى -> ي; ة -> ه;
 *   the clitics و ف ب ل ك and the article ال are peeled off one by one (never
 *   the article from a word that starts with آ: "آليات" is not "ال" + "يات"). A word is indexed with every form along that chain and a
 *   query is reduced to the chain's last form, so "والشراكات", "الشراكات"
 *   and "شراكات" meet;
 * - light stemming, indexed beside the word and asked as an exact term:
 *   Arabic sound plurals and feminine ending (ات ين ون ة: "المهاجرين" and
 *   "مهاجر", "مبادرات" and "مبادرة" share "مهاجر", "مبادر"), French plural
 *   and feminine (s x aux e: "bourses" and "bourse", "réfugiés" and
 *   "réfugié"); a stem keeps at least four letters;
 * - names: snia-names.js (generated from content/ at build time) groups an
 *   organisation's Latin acronym with its Arabic common name: a text's
 *   "UNICEF" is also indexed as "يونيسف", so "اليونيسف" finds it;
 * - a query never reaches lunr's query syntax: ":", "^", "~", "\\", "+",
 *   "*" inside a word split it, so no query throws;
 * - Latin words and numbers inside Arabic text are kept (no trimmer).
 */
(function () {
  "use strict";
  var MARKS = /[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
  var WORD_START = /[\p{L}\p{N}]/u;
  var WORD_CHAR = /^[\p{L}\p{N}]$/u;
  var ARABIC = /^[\u0600-\u06ff]/;
  var CLITICS = "\u0648\u0641\u0628\u0644\u0643"; // و ف ب ل ك
  var ARTICLE = "\u0627\u0644"; // ال

  // Folded, except that a word-initial آ is kept (chain() must not read it as
  // the article); fold() then makes it ا like the other alef forms.
  function foldKeepMadda(s) {
    var folded = s.normalize("NFKD")
      .replace(/\u0627\u0653/g, "\u0622")
      .replace(MARKS, "")
      .replace(/[\u0623\u0625\u0671]/g, "\u0627")
      .replace(/\u0649/g, "\u064a")
      .replace(/\u0629/g, "\u0647")
      .toLowerCase()  // before the ligatures: « Œuvre » is « oeuvre » too
      .replace(/\u0153/g, "oe").replace(/\u00e6/g, "ae");
    return trimEdges(folded);
  }

  function fold(s) {
    return foldKeepMadda(s).replace(/\u0622/g, "\u0627");
  }

  // Strip what is neither letter nor digit from both ends, in linear time
  // (a regular expression anchored at the end, /[^\p{L}\p{N}]+$/, retries
  // from every position and took 56 s on "a////…a" of 60,000 characters).
  function trimEdges(s) {
    var start = s.search(WORD_START);
    if (start < 0) return "";
    var end = s.length;
    for (;;) {
      var size = end - 2 >= start && /[\udc00-\udfff]/.test(s.charAt(end - 1)) &&
        /[\ud800-\udbff]/.test(s.charAt(end - 2)) ? 2 : 1;
      if (WORD_CHAR.test(s.slice(end - size, end))) return s.slice(start, end);
      end -= size;
    }
  }

  // The word and each form left by peeling one clitic or the article, from
  // a word folded by foldKeepMadda; the forms come out fully folded.
  function chainKeep(word) {
    var out = [word];
    if (ARABIC.test(word)) {
      for (;;) {
        if (word.length > 3 && word.slice(0, 2) === ARTICLE) word = word.slice(2);
        else if (word.length > 3 && CLITICS.indexOf(word.charAt(0)) >= 0) word = word.slice(1);
        else break;
        out.push(word);
      }
    }
    return out.map(function (form) { return form.replace(/\u0622/g, "\u0627"); });
  }

  // chain() of a folded word (kept for callers that fold first).
  function chain(word) {
    return chainKeep(word);
  }

  var AR_WORD = /^[\u0621-\u064a]+$/;
  var FR_WORD = /^[a-z]+$/;
  var AR_SUFFIXES = ["\u0627\u062a", "\u064a\u0646", "\u0648\u0646", "\u0647"]; // ات ين ون ه
  var STEM_MIN = 4;

  // Light stem of a chain's last form: Arabic sound plurals and feminine
  // ending, French plural and feminine. The word itself when nothing applies
  // or less than four letters would remain.
  function stem(word) {
    var s = word, i;
    if (AR_WORD.test(word)) {
      for (i = 0; i < AR_SUFFIXES.length; i++) {
        var suffix = AR_SUFFIXES[i];
        if (s.slice(-suffix.length) === suffix && s.length - suffix.length >= STEM_MIN)
          return s.slice(0, -suffix.length);
      }
      return word;
    }
    if (!FR_WORD.test(word) || word.length <= STEM_MIN) return word;
    if (/eaux$/.test(s)) s = s.slice(0, -1);
    else if (/aux$/.test(s)) s = s.slice(0, -3) + "al";
    else if (/[sx]$/.test(s) && !/ss$/.test(s)) s = s.slice(0, -1);
    if (/e$/.test(s)) s = s.slice(0, -1);
    if (/e$/.test(s)) s = s.slice(0, -1);
    if (/([bcdfghjklmnpqrtvwz])\1$/.test(s)) s = s.slice(0, -1);
    return s.length >= STEM_MIN ? s : word;
  }

  // The other names of an organisation, by query form ({"unicef": ["يونيسف"],
  // "يونيسف": ["unicef"]}), from snia-names.js; own keys only ("constructor"
  // is a word, not a name).
  function otherNames(form) {
    var names = lunr.sniaNames;
    return names && Object.prototype.hasOwnProperty.call(names, form) &&
      Array.isArray(names[form]) ? names[form] : [];
  }

  // What a token of the text is indexed as: every form of its chain, then
  // the stem of the last one when it differs, and the other names of the
  // organisation it names (so "UNICEF" is also indexed as "يونيسف").
  function indexTerms(text) {
    var folded = foldKeepMadda(text);
    if (!folded) return [];
    var forms = chainKeep(folded);
    var last = forms[forms.length - 1];
    var stemmed = stem(last);
    var more = [stemmed].concat(otherNames(last), otherNames(stemmed));
    for (var i = 0; i < more.length; i++)
      if (forms.indexOf(more[i]) < 0) forms.push(more[i]);
    return forms;
  }

  function normalise(token) {
    var terms = indexTerms(token.toString());
    if (!terms.length) return undefined;
    return terms.map(function (form) {
      return token.clone(function () { return form; });
    });
  }
  lunr.Pipeline.registerFunction(normalise, "sniaNormalise");

  // lunr's query syntax (field:, ^boost, ~distance, \escape, +/- presence,
  // * wildcard) and the separators split a query word into pieces.
  var SYNTAX = /[:^~\\+*]+/;

  // The lunr terms one query word asks for: the last form of its chain as a
  // prefix (what the reader is typing), the form before the article was
  // peeled (so "اليات" finds "آليات") and the stem as an exact term. A "+"
  // or "-" before the word keeps only the first. With `reduce`, only one
  // term a word: the stem of its last form (see QueryParser below).
  function queryTerms(term, separator, reduce) {
    var out = [];
    var parts = /^([+-]?)([\s\S]*?)(\*?)$/.exec(term);
    var pieces = parts[2].split(separator || /\s+/);
    for (var p = 0; p < pieces.length; p++) {
      var sub = pieces[p].split(SYNTAX);
      for (var q = 0; q < sub.length; q++) {
        var folded = foldKeepMadda(sub[q]);
        if (!folded) continue;
        var forms = chainKeep(folded);
        var last = forms[forms.length - 1];
        if (reduce) {
          out.push(parts[1] + stem(last) + parts[3]);
          continue;
        }
        out.push(parts[1] + last + parts[3]);
        if (parts[1]) continue;
        var extra = [];
        if (forms.length > 1 && forms[forms.length - 2].slice(0, 2) === ARTICLE)
          extra.push(forms[forms.length - 2] + parts[3]);
        var stemmed = stem(last);
        if (stemmed !== last) extra.push(stemmed);
        for (var e = 0; e < extra.length; e++)
          if (out.indexOf(extra[e]) < 0) out.push(extra[e]);
      }
    }
    return out;
  }

  function queryString(query, reduce) {
    var separator = lunr.tokenizer && lunr.tokenizer.separator;
    var out = [];
    String(query).split(/\s+/).forEach(function (term) {
      out.push.apply(out, queryTerms(term, separator, reduce));
    });
    return out.join(" ");
  }

  var expanding = false;
  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (query) {
    var asked = queryString(query);
    // lunr answers an empty query with every document: a query of
    // punctuation alone finds nothing
    if (!asked) return [];
    expanding = true;
    try {
      return onePositionOnce(search.call(this, asked));
    } finally {
      expanding = false;
    }
  };

  // One word of the text can match a query word through several of its index
  // terms ("المهاجرين", "مهاجرين" and the stem "مهاجر"): Material highlights
  // every position it is given, and the same place given twice came out as
  // broken markup ("rk>المهاجرين"). Each position is kept under one term only.
  function onePositionOnce(results) {
    for (var r = 0; r < results.length; r++) {
      var meta = results[r].matchData && results[r].matchData.metadata;
      if (!meta) continue;
      var seen = Object.create(null);
      var terms = Object.keys(meta);
      for (var t = 0; t < terms.length; t++) {
        var fields = Object.keys(meta[terms[t]]);
        for (var f = 0; f < fields.length; f++) {
          var data = meta[terms[t]][fields[f]];
          if (!data || !Array.isArray(data.position)) continue;
          var done = seen[fields[f]] || (seen[fields[f]] = Object.create(null));
          data.position = data.position.filter(function (p) {
            var key = JSON.stringify(p);
            if (done[key]) return false;
            done[key] = true;
            return true;
          });
        }
      }
    }
    return results;
  }

  // Material also parses the reader's query itself, to tell which words a
  // result lacks ("Non trouvé : bourses") by comparing each word with the
  // index terms that matched: it sees each word reduced to its stem, which
  // every term that word can match starts with, and never lunr's syntax
  // (a field name that does not exist made Material drop the query).
  var parse = lunr.QueryParser.prototype.parse;
  lunr.QueryParser.prototype.parse = function () {
    if (!expanding) this.lexer = new lunr.QueryLexer(queryString(this.lexer.str, true));
    return parse.call(this);
  };

  function language(builder) {
    builder.pipeline.reset();
    builder.searchPipeline.reset();
    builder.pipeline.add(normalise);
  }
  lunr.fr = language;
  lunr.ar = language;
  lunr.sniaFold = fold;
  lunr.sniaChain = chain;
  lunr.sniaStem = stem;
  lunr.sniaIndexTerms = indexTerms;
  lunr.sniaQuery = function (query) { return queryString(query); };
  lunr.sniaReduce = function (query) { return queryString(query, true); };
})();
