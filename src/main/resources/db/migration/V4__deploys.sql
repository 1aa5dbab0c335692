-- /deploy: every deploy asked for (proposed, approved, run, ended), its hosts, approvals, locks, and the images already announced.
-- Portable SQL: runs on H2 2.x and PostgreSQL 12+.

CREATE TABLE deploys (
    id                 VARCHAR(36)   PRIMARY KEY,
    service            VARCHAR(64)   NOT NULL,
    environment        VARCHAR(64)   NOT NULL,
    kind               VARCHAR(16)   NOT NULL,
    tag                VARCHAR(128)  NOT NULL,
    digest             VARCHAR(80)   NOT NULL,
    image              VARCHAR(400)  NOT NULL,
    pushed_at          TIMESTAMP WITH TIME ZONE,
    previous_digest    VARCHAR(80),
    previous_tag       VARCHAR(128),
    requested_by       VARCHAR(64)   NOT NULL,
    requested_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    status             VARCHAR(24)   NOT NULL,
    channel            VARCHAR(64)   NOT NULL,
    message_channel    VARCHAR(64),
    message_id         VARCHAR(64),
    hosts_expected     INT,
    command_id         VARCHAR(64),
    started_at         TIMESTAMP WITH TIME ZONE,
    finished_at        TIMESTAMP WITH TIME ZONE,
    stop_requested_by  VARCHAR(64),
    hosts_succeeded    INT,
    hosts_failed       INT
);
CREATE INDEX deploys_environment ON deploys (service, environment, requested_at);
CREATE INDEX deploys_status ON deploys (status);

CREATE TABLE deploy_approvals (
    deploy_id   VARCHAR(36) NOT NULL,
    user_id     VARCHAR(64) NOT NULL,
    decision    VARCHAR(8)  NOT NULL,
    decided_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (deploy_id, user_id)
);

CREATE TABLE deploy_hosts (
    deploy_id    VARCHAR(36)   NOT NULL,
    instance_id  VARCHAR(64)   NOT NULL,
    name         VARCHAR(255)  NOT NULL,
    status       VARCHAR(24)   NOT NULL,
    output       VARCHAR(4000) NOT NULL,
    result       VARCHAR(2000),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (deploy_id, instance_id)
);

-- One row per held lock: 'run' while a deploy runs (so two never overlap, across replicas), 'manual' for /deploy lock and after a rollback.
CREATE TABLE deploy_locks (
    service      VARCHAR(64)  NOT NULL,
    environment  VARCHAR(64)  NOT NULL,
    kind         VARCHAR(8)   NOT NULL,
    deploy_id    VARCHAR(36),
    locked_by    VARCHAR(64)  NOT NULL,
    reason       VARCHAR(500) NOT NULL,
    locked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (service, environment, kind)
);

-- Each tag and digest is announced once per service, whether it came by hook or by polling.
CREATE TABLE image_announcements (
    service     VARCHAR(64)  NOT NULL,
    tag         VARCHAR(128) NOT NULL,
    digest      VARCHAR(80)  NOT NULL,
    pushed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    announced   BOOLEAN      NOT NULL,
    PRIMARY KEY (service, tag, digest)
);
