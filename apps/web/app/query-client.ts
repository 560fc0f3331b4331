/** The app's one query cache: server state, seeded over REST and kept current by WebSocket frames. */
import { QueryClient } from "@tanstack/react-query";

export const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
