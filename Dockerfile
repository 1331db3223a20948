# The ledger's image: the API, the projector and the operators' CLI, on the Node line .nvmrc
# names (test/architecture/deployment.spec.ts keeps the two equal). Build:
#   docker build --build-arg NODE_VERSION=$(cat .nvmrc) -t entitlement-ledger:1 .
ARG NODE_VERSION=22

# 1. build: the locked tree, the compiled dist/, then only the runtime dependencies.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY .swcrc tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY bench ./bench
COPY scripts ./scripts
# The counter console (served at /console) is built here too: vite is a build-time dependency.
RUN npm run build && npm run build:console && npm prune --omit=dev

# 2. run: no compiler, no sources, not root.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/console/dist ./apps/console/dist
# The image's `node` user (uid 1000); Kubernetes checks it with runAsNonRoot.
USER 1000:1000
EXPOSE 3000 3001
# With DATABASE_URL set (as in infra/kubernetes) no launcher runs: this process is the server.
# The projector: node dist/apps/projector/src/main.js; the CLI: node dist/apps/cli/src/main.js
# (`store migrate` is the migration Job, `credentials issue` the first credential: infra/README.md).
CMD ["node", "--enable-source-maps", "dist/apps/api/src/main.js"]
