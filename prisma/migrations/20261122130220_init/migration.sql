-- CreateTable
CREATE TABLE "Flow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FlowVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "flowId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "schemaVersion" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "author" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FlowVersion_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Publication" (
    "extension" TEXT NOT NULL PRIMARY KEY,
    "flowId" TEXT NOT NULL,
    "flowVersionId" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Publication_flowVersionId_flowId_fkey" FOREIGN KEY ("flowVersionId", "flowId") REFERENCES "FlowVersion" ("id", "flowId") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Call" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channelId" TEXT NOT NULL,
    "asteriskServer" TEXT NOT NULL,
    "appName" TEXT NOT NULL,
    "extension" TEXT NOT NULL,
    "flowId" TEXT,
    "flowVersionId" TEXT,
    "callerNumber" TEXT NOT NULL DEFAULT '',
    "callerName" TEXT NOT NULL DEFAULT '',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "outcome" TEXT,
    "hangupCause" TEXT,
    "stepCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "CallStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "callId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "nodeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enteredAt" DATETIME NOT NULL,
    "leftAt" DATETIME,
    "port" TEXT,
    "variables" TEXT,
    "error" TEXT,
    CONSTRAINT "CallStep_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RuntimeEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "extension" TEXT,
    "appName" TEXT,
    "asteriskServer" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "FlowVersion_flowId_number_key" ON "FlowVersion"("flowId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "FlowVersion_id_flowId_key" ON "FlowVersion"("id", "flowId");

-- CreateIndex
CREATE INDEX "Publication_flowId_idx" ON "Publication"("flowId");

-- CreateIndex
CREATE INDEX "Call_startedAt_idx" ON "Call"("startedAt");

-- CreateIndex
CREATE INDEX "Call_extension_startedAt_idx" ON "Call"("extension", "startedAt");

-- CreateIndex
CREATE INDEX "Call_flowId_startedAt_idx" ON "Call"("flowId", "startedAt");

-- CreateIndex
CREATE INDEX "Call_callerNumber_idx" ON "Call"("callerNumber");

-- CreateIndex
CREATE INDEX "Call_channelId_idx" ON "Call"("channelId");

-- CreateIndex
CREATE UNIQUE INDEX "CallStep_callId_seq_key" ON "CallStep"("callId", "seq");

-- CreateIndex
CREATE INDEX "RuntimeEvent_at_idx" ON "RuntimeEvent"("at");
