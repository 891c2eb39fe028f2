# Gatehouse built from this repository, for the Hasura example (build context: the repo root).
FROM node:20-bookworm-slim
WORKDIR /app
# better-sqlite3 and argon2 fall back to a native build when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY . .
# `npm ci` runs the root `prepare` script, which builds every workspace.
RUN npm ci
ENV PORT=3001
EXPOSE 3001
CMD ["npm", "start"]
