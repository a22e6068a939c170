/**
 * The page the e-mailed link opens. Opening it signs nobody in: mail scanners fetch every
 * link, so only the button's POST uses the token. The token is read from the address bar by
 * the script, never written into the markup.
 */
export const SIGN_IN_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Sign in to Fairgrid</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}button{font-size:1.1rem;padding:.6rem 1.2rem}</style>
</head>
<body>
<h1>Sign in to Fairgrid</h1>
<p>Press the button to finish signing in on this device.</p>
<button id="go" type="button">Sign in</button>
<p id="status" role="status"></p>
<script>
document.getElementById('go').addEventListener('click', async () => {
  const token = new URLSearchParams(location.search).get('token') || '';
  const status = document.getElementById('status');
  const res = await fetch('verify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
  const body = await res.json();
  if (res.ok) { sessionStorage.setItem('fairgrid.accessToken', body.accessToken); status.textContent = 'You are signed in.'; }
  else { status.textContent = body.message; }
});
</script>
</body>
</html>
`;
