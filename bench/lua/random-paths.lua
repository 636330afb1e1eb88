-- wrk script: each request asks for a path picked at random from a file of paths, one a line.
-- wrk -s random-paths.lua http://host:port -- <file of paths>
local count = 0

function setup(thread)
  count = count + 1
  thread:set("thread_number", count)
end

local paths = {}

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  -- Each thread its own sequence, and each run a new one.
  math.randomseed(os.time() * 100 + (thread_number or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
