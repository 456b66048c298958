/**
 * Loading a script and reading what it defines: the CleverTap SDK from a URL (its CDN, or a copy the site
 * hosts), and the script build's engine file.
 */

const failedUrls = new Set<string>()

/**
 * Loads a script once per URL and resolves with what it defines (`read`). A URL that failed fails again
 * at once instead of making later callers wait.
 */
export function loadScriptFor<T>(url: string, read: () => T | undefined, nonce?: string, mark?: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const existing = read()
    if (existing) return resolve(existing)
    if (failedUrls.has(url)) return reject(new Error(`${url} failed to load`))
    const script = document.createElement('script')
    script.src = url
    script.async = true
    if (nonce) script.nonce = nonce
    if (mark) script.setAttribute(mark, '')
    script.onload = () => {
      const value = read()
      if (value) resolve(value)
      else reject(new Error(`${url} loaded but did not define what it should`))
    }
    script.onerror = () => {
      failedUrls.add(url)
      script.remove()
      reject(new Error(`${url} failed to load`))
    }
    const anchor = document.head ?? document.getElementsByTagName('script')[0]?.parentNode ?? document.documentElement
    anchor.appendChild(script)
  })
}
