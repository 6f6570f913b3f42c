/*
 * Search normalisation for the SNIA site (French and Arabic), loaded by
 * Material's search worker in place of lunr-languages' lunr.fr / lunr.ar.
 *
 * The same folding runs when the index is built (pipeline) and on each query
 * (Material adds a trailing "*" to query terms, which makes lunr skip its
 * query pipeline, so Index#search is wrapped to fold the query string).
 *
 * - case and accents: "Coopération" and "cooperation" are one word;
 * - Arabic: diacritics and tatweel removed; أ إ آ ٱ -> ا; ى -> ي; ة -> ه;
 *   the clitics و ف ب ل ك and the article ال are peeled off one by one. A
 *   word is indexed with every form along that chain and a query is reduced
 *   to the chain's last form, so "والشراكات", "الشراكات" and "شراكات" meet;
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

  function fold(s) {
    var folded = s.normalize("NFKD")
      .replace(MARKS, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
      .replace(/\u0649/g, "\u064a")
      .replace(/\u0629/g, "\u0647")
      .replace(/\u0153/g, "oe").replace(/\u00e6/g, "ae")
      .toLowerCase();
    return trimEdges(folded);
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

  // The word and each form left by peeling one clitic or the article.
  function chain(word) {
    var out = [word];
    if (!ARABIC.test(word)) return out;
    for (;;) {
      if (word.length > 3 && word.slice(0, 2) === ARTICLE) word = word.slice(2);
      else if (word.length > 3 && CLITICS.indexOf(word.charAt(0)) >= 0) word = word.slice(1);
      else return out;
      out.push(word);
    }
  }

  function normalise(token) {
    var folded = fold(token.toString());
    if (!folded) return undefined;
    return chain(folded).map(function (form) {
      return token.clone(function () { return form; });
    });
  }
  lunr.Pipeline.registerFunction(normalise, "sniaNormalise");

  function queryTerm(term) {
    var parts = /^([+-]?)(.*?)(\*?)$/.exec(term);
    var folded = fold(parts[2]);
    if (!folded) return "";
    var forms = chain(folded);
    return parts[1] + forms[forms.length - 1] + parts[3];
  }

  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (query) {
    var terms = String(query).split(/\s+/).map(queryTerm).filter(Boolean);
    return search.call(this, terms.join(" "));
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
})();
