module.exports = {
  experimental: { tasks: true },
  ignore: ["tasks/legacy/**", "*.draft.swift"],
};
