# fleetsim image for sweeps on a cluster (Kubernetes Indexed Jobs, AWS Batch or Slurm arrays).
#   docker build -t fleetsim:latest .
#   docker run --rm -v "$PWD/out:/out" fleetsim:latest sweep scenarios/plan-chat-forecast.yaml --out /out
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json* ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY scenarios ./scenarios
USER node
ENTRYPOINT ["node", "/app/dist/cli/main.js"]
CMD ["--help"]
