// Tests import pdf-parse's library file: its index.js, loaded as ESM, runs a debug demo that reads a missing file.
declare module 'pdf-parse/lib/pdf-parse.js' {
  import pdfParse from 'pdf-parse';
  export default pdfParse;
}
