// `tiny-inflate` as its users take it (`require('tiny-inflate')` is the function itself), for the
// alias in infra/constructs/bundling.ts: the inflater of ./inflate.ts, by Node's zlib.
module.exports = require('./inflate.ts').default;
