-- wrk script: posts comments as a crowd would, each request a new reader (address, email, words) sending the
-- form of the article at the URL, asking for JSON as the form island does.
-- wrk -s post-comments.lua http://host:port/articles/<slug>/comments -- <form token> <origin> <first reader>
local count = 0

function setup(thread)
  count = count + 1
  thread:set("thread_number", count)
end

local sentences = {
  "The council should publish the full budget before the vote.",
  "I live on this street and the flooding has been worse every year.",
  "Thank you for covering this; nobody else did.",
  "What did the mayor say about the second phase?",
  "The numbers in the third paragraph do not match the report I read.",
}

local function encode(text)
  return (text:gsub("[^%w%-%._~ ]", function(c)
    return string.format("%%%02X", string.byte(c))
  end):gsub(" ", "+"))
end

local token, origin, first
local sent = 0
-- Readers are numbered apart across threads (up to 16) and across runs (the first reader is given).
local THREADS = 16

function init(args)
  token, origin, first = args[1], args[2], tonumber(args[3])
end

function request()
  sent = sent + 1
  local reader = first + sent * THREADS + thread_number
  local address = string.format("100.%d.%d.%d",
    64 + math.floor(reader / 65536) % 64, math.floor(reader / 256) % 256, reader % 256)
  local body = "comment=" .. encode(sentences[reader % #sentences + 1] .. " Reader " .. reader ..
      " adds a thought of their own.") ..
    "&name=" .. encode("Bench Reader " .. reader) ..
    "&email=" .. encode("bench" .. reader .. "@example.org") ..
    "&url=&t=" .. encode(token) .. "&comment_title="
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Origin"] = origin,
    ["X-Forwarded-For"] = address,
  }, body)
end
