// Tests import server modules outside Next's react-server environment; "server-only" is a no-op there.
export {};
