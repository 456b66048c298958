// SEGMENT_WRITE_KEY=… CLEVERTAP_ACCOUNT_ID=… npx webpack, then serve this folder (index.html loads dist/app.js).
const path = require('path')
const webpack = require('webpack')

module.exports = {
  mode: 'production',
  entry: './src/index.js',
  output: { path: path.resolve(__dirname, 'dist'), filename: 'app.js', chunkFilename: 'chunks/[name].[contenthash].js', clean: true },
  plugins: [new webpack.EnvironmentPlugin({ SEGMENT_WRITE_KEY: '', CLEVERTAP_ACCOUNT_ID: '', CLEVERTAP_REGION: '' })],
  // CleverTap's SDK (261 KiB, a chunk the page loads only when CleverTap starts) is over webpack's size
  // hint; keep the hint for your own code.
  performance: { assetFilter: (file) => !file.includes('clevertap-sdk') && !file.endsWith('.map') },
}
