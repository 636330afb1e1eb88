-- wrk script: beacons as readers' browsers send them, each request from another reader's address (behind the
-- one proxy the server trusts), a page view or a read depth, optionally paced per connection.
-- wrk -s post-events.lua http://host:port/a/event -- <milliseconds between requests per connection, 0: none>
local count = 0

function setup(thread)
  count = count + 1
  thread:set("thread_number", count)
end

local pause = 0
local sent = 0

function init(args)
  pause = tonumber(args[1] or "0")
end

function delay()
  return pause
end

local bodies = {
  '{"kind":"pageview","path":"/articles/the-bridge-reopens","article":1,"section":2,"author":3,"ref":"https://news.example/"}',
  '{"kind":"depth","path":"/articles/the-bridge-reopens","article":1,"section":2,"author":3,"value":50}',
  '{"kind":"engaged","path":"/articles/the-bridge-reopens","article":1,"section":2,"author":3,"value":15}',
}

function request()
  sent = sent + 1
  local reader = sent * 16 + thread_number
  local address = string.format("100.%d.%d.%d",
    64 + math.floor(reader / 65536) % 64, math.floor(reader / 256) % 256, reader % 256)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "text/plain;charset=UTF-8",
    ["Sec-Fetch-Site"] = "same-origin",
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    ["X-Forwarded-For"] = address,
  }, bodies[sent % #bodies + 1])
end
