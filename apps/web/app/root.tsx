import { QueryClientProvider } from "@tanstack/react-query";
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "react-router";
import "./app.css";
import { ApiError } from "./features/api/api-client";
import { useSignedOut } from "./features/sign-in/sign-in-state";
import { SignedOut } from "./features/sign-in/signed-out";
import { THEME_BOOT_SCRIPT } from "./features/theme/theme";
import { queryClient } from "./query-client";

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    // The boot script sets the theme class on <html> before React hydrates it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of ours, no user input */}
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
        <title>Folio</title>
        <Meta />
        <Links />
      </head>
      <body className="bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const signedOut = useSignedOut();
  return (
    <QueryClientProvider client={queryClient}>{signedOut ? <SignedOut /> : <Outlet />}</QueryClientProvider>
  );
}

/** A route's loader that found the browser signed out lands here; any other failure says what failed. */
export function ErrorBoundary({ error }: { error: unknown }) {
  const signedOut = useSignedOut();
  if (signedOut || (error instanceof ApiError && error.code === "signed_out")) return <SignedOut />;
  return (
    <main className="mx-auto max-w-2xl p-6">
      <h1 className="text-xl font-bold">Folio could not open this page</h1>
      <p role="alert" className="mt-2 text-sm text-slate-600 dark:text-slate-300">
        {error instanceof Error ? error.message : "Something failed."} <a href="/">Open Folio</a>
      </p>
    </main>
  );
}

export function HydrateFallback() {
  return <p className="p-8 text-slate-500">Loading Folio…</p>;
}
