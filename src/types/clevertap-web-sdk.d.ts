declare module 'clevertap-web-sdk' {
  const clevertap: unknown
  export default clevertap
}
