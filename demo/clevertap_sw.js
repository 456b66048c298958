/* CleverTap's web push service worker, as a site hosts it at /clevertap_sw.js. It loads CleverTap's push
 * handler, which shows notifications and reports their clicks. Needs the network (CleverTap's CDN). */
importScripts('https://s3-eu-west-1.amazonaws.com/static.wizrocket.com/js/sw_webpush.js')
